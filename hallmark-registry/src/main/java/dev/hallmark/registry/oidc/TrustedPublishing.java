package dev.hallmark.registry.oidc;

import static dev.hallmark.registry.RegistryException.Reason.BAD_CREDENTIALS;
import static dev.hallmark.registry.RegistryException.Reason.CONFLICT;
import static dev.hallmark.registry.RegistryException.Reason.INVALID_REQUEST;
import static dev.hallmark.registry.RegistryException.Reason.NOT_FOUND;
import static dev.hallmark.registry.RegistryException.Reason.NOT_PERMITTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.Registry;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.auth.Accounts;
import dev.hallmark.registry.auth.Principal;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.store.RegistryStorageException;
import dev.hallmark.registry.store.RegistryStore;
import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredTrustedPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Trusted publishing (npm.md §11): a maintainer names the CI identity allowed to publish a package (GitHub: repository,
 * workflow file, environment; GitLab: project path, CI config file, environment); that CI job then exchanges its OIDC
 * token for a token that may publish this one package for 15 minutes, instead of holding a long-lived secret.
 *
 * <p>Matching follows npmjs's documented rules: the workflow is identified by file name only, case-sensitively, and
 * for reusable workflows the <em>calling</em> workflow ({@code workflow_ref}) is matched. Unlike npmjs, self-hosted
 * runners and private repositories are not refused here: the trust entry is what the maintainer chose to trust.
 */
public final class TrustedPublishing {
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** GitHub {@code owner/repo}: every part starts with a letter or digit, so {@code .} and {@code ..} cannot pass. */
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    private static final Pattern PROJECT_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]{1,128}\\.ya?ml");
    private static final Pattern ENVIRONMENT = Pattern.compile("[^\\s\"]{1,255}");

    private final Registry registry;
    private final RegistryStore store;
    private final Accounts accounts;
    private final CiTokenVerifier tokens;
    private final InstantSource clock;

    public TrustedPublishing(Registry registry, RegistryStore store, Accounts accounts, CiTokenVerifier tokens,
            InstantSource clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code GET /-/package/<name>/trust}: the configurations, each with {@code id}, {@code type}, {@code claims}. */
    public ArrayNode list(Principal principal, PackageName name) throws RegistryException, RegistryStorageException {
        requireMaintainer(principal, name);
        ArrayNode out = Json.array();
        for (StoredTrustedPublisher p : store.trustedPublishers(name.full())) {
            out.add(json(p));
        }
        return out;
    }

    /** {@code POST /-/package/<name>/trust} with npm's JSON array of one configuration. */
    public ArrayNode add(Principal principal, PackageName name, JsonNode body)
            throws RegistryException, RegistryStorageException {
        requireConfigurer(principal, name);
        if (!body.isArray() || body.size() != 1 || !body.get(0).isObject()) {
            throw new RegistryException(INVALID_REQUEST, "the body is an array of one trusted publisher configuration");
        }
        JsonNode config = body.get(0);
        String type = config.path("type").asText("");
        ObjectNode claims = validClaims(type, config.path("claims"));
        StoredTrustedPublisher stored = new StoredTrustedPublisher(UUID.randomUUID().toString(), name.full(), type,
                new String(Json.write(claims), StandardCharsets.UTF_8), principal.username(), clock.instant());
        if (!store.addTrustedPublisher(stored)) {
            throw new RegistryException(CONFLICT, name.full() + " already has a trusted publisher; revoke it first");
        }
        ArrayNode out = Json.array();
        out.add(json(stored));
        return out;
    }

    /** {@code DELETE /-/package/<name>/trust/<id>}. */
    public void remove(Principal principal, PackageName name, String id)
            throws RegistryException, RegistryStorageException {
        requireConfigurer(principal, name);
        if (!store.deleteTrustedPublisher(name.full(), id)) {
            throw new RegistryException(NOT_FOUND, "no trusted publisher " + id + " on " + name.full());
        }
    }

    /**
     * {@code POST /-/npm/v1/oidc/token/exchange/package/<name>}: the CI token must verify and match the package's
     * trusted publisher; the answer is a token that may publish this package only, for {@link #TOKEN_LIFETIME}.
     */
    public String exchange(Optional<String> authorization, PackageName name)
            throws RegistryException, RegistryStorageException {
        String bearer = authorization.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).trim())
                .orElseThrow(() -> new RegistryException(BAD_CREDENTIALS, "an OIDC id token is required as Bearer"));
        CiIdentity identity = tokens.verify(bearer);
        registry.find(name).orElseThrow(() -> new RegistryException(NOT_FOUND,
                "OIDC token exchange error - package not found"));
        List<StoredTrustedPublisher> publishers = store.trustedPublishers(name.full());
        for (StoredTrustedPublisher p : publishers) {
            if (matches(p, identity)) {
                return accounts.issuePackageToken(p.createdBy(), name.full(), TOKEN_LIFETIME).secret();
            }
        }
        throw new RegistryException(NOT_PERMITTED, "OIDC token exchange error - no trusted publisher of "
                + name.full() + " matches this " + identity.provider() + " identity");
    }

    static boolean matches(StoredTrustedPublisher p, CiIdentity id) {
        if (!p.type().equals(id.provider())) {
            return false;
        }
        JsonNode claims;
        try {
            claims = Json.parseObject(p.claims().getBytes(StandardCharsets.UTF_8), 64 * 1024);
        } catch (FormatException e) {
            return false;
        }
        String wantFile = claims.path(p.type().equals("github") ? "workflow_ref" : "ci_config_ref_uri").path("file")
                .asText("");
        Optional<String> environment = Optional.ofNullable(claims.path("environment").asText(null));
        if (environment.isPresent() && !environment.equals(id.claim("environment"))) {
            return false;
        }
        if (p.type().equals("github")) {
            // workflow_ref: "owner/repo/.github/workflows/release.yml@refs/tags/v1" (the calling workflow)
            return id.claim("repository").equals(Optional.of(claims.path("repository").asText()))
                    && id.claim("workflow_ref").map(TrustedPublishing::fileOf).equals(Optional.of(wantFile));
        }
        // ci_config_ref_uri: "gitlab.example/group/project//.gitlab-ci.yml@refs/heads/main"
        return id.claim("project_path").equals(Optional.of(claims.path("project_path").asText()))
                && id.claim("ci_config_ref_uri").map(TrustedPublishing::fileOf).equals(Optional.of(wantFile));
    }

    /** The file name of a {@code …/path/file.yml@ref} claim. */
    static String fileOf(String ref) {
        int at = ref.indexOf('@');
        String path = at < 0 ? ref : ref.substring(0, at);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static ObjectNode validClaims(String type, JsonNode claims) throws RegistryException {
        if (!claims.isObject()) {
            throw new RegistryException(INVALID_REQUEST, "claims must be an object");
        }
        ObjectNode out = Json.object();
        switch (type) {
            case "github" -> {
                out.put("repository", required(claims, "repository", REPOSITORY));
                out.putObject("workflow_ref").put("file", required(claims.path("workflow_ref"), "file", FILE));
            }
            case "gitlab" -> {
                out.put("project_path", required(claims, "project_path", PROJECT_PATH));
                out.putObject("ci_config_ref_uri").put("file", required(claims.path("ci_config_ref_uri"), "file", FILE));
            }
            default -> throw new RegistryException(INVALID_REQUEST, "trusted publishers are of type github or gitlab");
        }
        JsonNode environment = claims.get("environment");
        if (environment != null && !environment.isNull()) {
            if (!environment.isTextual() || !ENVIRONMENT.matcher(environment.asText()).matches()) {
                throw new RegistryException(INVALID_REQUEST, "environment must be a name of 1-255 characters");
            }
            out.put("environment", environment.asText());
        }
        return out;
    }

    private static String required(JsonNode node, String field, Pattern pattern) throws RegistryException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !pattern.matcher(value.asText()).matches()) {
            throw new RegistryException(INVALID_REQUEST, "claims." + field + " is missing or malformed");
        }
        return value.asText();
    }

    /** Changing trust needs a maintainer with full account rights (not a read-only or package token). */
    private void requireConfigurer(Principal principal, PackageName name) throws RegistryException, RegistryStorageException {
        requireMaintainer(principal, name);
        if (!principal.mayManageAccount()) {
            throw new RegistryException(NOT_PERMITTED, "this token cannot configure trusted publishing");
        }
    }

    private StoredPackage requireMaintainer(Principal principal, PackageName name)
            throws RegistryException, RegistryStorageException {
        StoredPackage pkg = registry.find(name).orElseThrow(() -> new RegistryException(NOT_FOUND, "Not found"));
        if (!pkg.isMaintainer(principal.username())) {
            throw new RegistryException(NOT_PERMITTED, "only maintainers of " + name.full()
                    + " can configure trusted publishing");
        }
        return pkg;
    }

    private static ObjectNode json(StoredTrustedPublisher p) throws RegistryException {
        ObjectNode o = Json.object();
        o.put("id", p.id());
        o.put("type", p.type());
        try {
            o.set("claims", Json.parseObject(p.claims().getBytes(StandardCharsets.UTF_8), 64 * 1024));
        } catch (FormatException e) {
            throw new IllegalStateException("stored trusted publisher claims are not JSON", e);
        }
        o.putArray("permissions").add("createPackage");
        return o;
    }
}
