package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.DevClaims.byDefault;
import static dev.hallmark.ca.oidc.DevClaims.text;
import static dev.hallmark.ca.oidc.DevIssuerException.Reason.BAD_REQUEST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Signer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A GitLab-CI-like OIDC issuer for {@code --dev} (DESIGN.md "Development issuers"; never enabled otherwise). GitLab
 * hands a job its {@code id_tokens} as environment variables ({@code SIGSTORE_ID_TOKEN}, npm.md §10.3), so there is
 * no job protocol to imitate: one call mints the token a job would have received.
 *
 * <p>Routes the server maps to this object: {@code GET <issuer>/.well-known/openid-configuration} →
 * {@link #discovery()}, {@code GET <issuer>/.well-known/jwks} → {@link #jwks()}, {@code POST <issuer>/dev/token} →
 * {@link #token(byte[])}.
 */
public final class DevGitlabIssuer {
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    private static final Set<String> REF_TYPES = Set.of("branch", "tag");

    private final JwtMinter minter;
    private final InstantSource clock;

    /**
     * @param signer the issuer key (ES256 on P-256 is the default of the server; ES384, EdDSA, RS256 also work)
     * @param issuerUrl the public issuer URL, e.g. {@code http://127.0.0.1:8080/oidc/gitlab}
     */
    public DevGitlabIssuer(Signer signer, String issuerUrl, InstantSource clock) {
        this.minter = new JwtMinter(signer, issuerUrl);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String issuerUrl() {
        return minter.issuer();
    }

    public String jwksUrl() {
        return minter.jwksUrl();
    }

    public String discovery() {
        return minter.discovery("sub", "aud", "exp", "iat", "iss", "jti", "nbf", "namespace_id", "namespace_path",
                "project_id", "project_path", "user_id", "user_login", "user_email", "pipeline_id",
                "pipeline_source", "job_id", "ref", "ref_type", "ref_protected", "environment", "runner_id",
                "runner_environment", "sha", "ci_config_ref_uri", "ci_config_sha", "project_visibility");
    }

    public String jwks() {
        return minter.jwks();
    }

    /**
     * {@code POST <issuer>/dev/token} with {@code {"audience": A, "claims": {…}}}; missing claims get defaults
     * derived from {@code project_path}, {@code ref} and {@code ref_type}.
     *
     * @return {@code {"token": "<jwt>"}}
     */
    public String token(byte[] body) throws DevIssuerException {
        ObjectNode request = DevClaims.body(body);
        JsonNode audience = request.get("audience");
        if (audience == null || !audience.isTextual() || audience.textValue().isEmpty()
                || audience.textValue().length() > 1024) {
            throw new DevIssuerException(BAD_REQUEST, "audience must be a non-empty string");
        }
        for (String field : (Iterable<String>) request::fieldNames) {
            if (!field.equals("audience") && !field.equals("claims")) {
                throw new DevIssuerException(BAD_REQUEST, "unknown field " + field);
            }
        }
        ObjectNode claims = withDefaults(DevClaims.claims(request.get("claims")));
        Instant now = clock.instant();
        ObjectNode jwt = OidcJson.MAPPER.createObjectNode();
        claims.properties().forEach(claim -> jwt.set(claim.getKey(), claim.getValue()));
        jwt.put("jti", UUID.randomUUID().toString());
        jwt.put("iss", minter.issuer());
        jwt.put("iat", now.getEpochSecond());
        jwt.put("nbf", now.getEpochSecond());
        jwt.put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
        jwt.put("aud", audience.textValue());
        ObjectNode answer = OidcJson.MAPPER.createObjectNode();
        answer.put("token", minter.mint(jwt));
        return OidcJson.write(answer);
    }

    /** GitLab's claims (docs "ID token authentication"), derived from project and ref where none were given. */
    static ObjectNode withDefaults(ObjectNode claims) throws DevIssuerException {
        byDefault(claims, "project_path", "hallmark-dev/example");
        byDefault(claims, "ref", "main");
        byDefault(claims, "ref_type", "branch");
        String project = text(claims, "project_path");
        String ref = text(claims, "ref");
        String refType = text(claims, "ref_type");
        if (!REF_TYPES.contains(refType)) {
            throw new DevIssuerException(BAD_REQUEST, "ref_type must be branch or tag");
        }
        int slash = project.lastIndexOf('/');
        byDefault(claims, "namespace_path", slash > 0 ? project.substring(0, slash) : project);
        String namespace = text(claims, "namespace_path");
        byDefault(claims, "namespace_id", DevClaims.fakeId(namespace));
        byDefault(claims, "project_id", DevClaims.fakeId(project));
        byDefault(claims, "project_visibility", "public");
        byDefault(claims, "user_id", DevClaims.fakeId("user:" + namespace));
        byDefault(claims, "user_login", namespace.contains("/") ? namespace.substring(0, namespace.indexOf('/'))
                : namespace);
        byDefault(claims, "user_email", text(claims, "user_login") + "@users.noreply.gitlab.com");
        byDefault(claims, "pipeline_id", DevClaims.fakeId(project + "@" + ref + "#pipeline"));
        byDefault(claims, "pipeline_source", "push");
        byDefault(claims, "job_id", DevClaims.fakeId(project + "@" + ref + "#job"));
        byDefault(claims, "ref_protected", "false");
        byDefault(claims, "sha", DevClaims.fakeSha(project + "@" + ref));
        String fullRef = (refType.equals("branch") ? "refs/heads/" : "refs/tags/") + ref;
        // the host is gitlab.com as on the public instance; the SAN becomes https://{ci_config_ref_uri}
        byDefault(claims, "ci_config_ref_uri", "gitlab.com/" + project + "//.gitlab-ci.yml@" + fullRef);
        byDefault(claims, "ci_config_sha", text(claims, "sha"));
        byDefault(claims, "runner_id", DevClaims.fakeId("runner:" + project));
        byDefault(claims, "runner_environment", "gitlab-hosted");
        byDefault(claims, "sub", "project_path:" + project + ":ref_type:" + refType + ":ref:" + ref);
        return claims;
    }

    @Override
    public String toString() {
        return "DevGitlabIssuer[" + minter.issuer() + "]";
    }
}
