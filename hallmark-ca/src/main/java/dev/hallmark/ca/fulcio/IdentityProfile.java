package dev.hallmark.ca.fulcio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.ca.oidc.VerifiedToken;
import dev.hallmark.core.x509.FulcioExtension;
import dev.hallmark.core.x509.SubjectAlternativeName;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one kind of issuer's claims become a certificate identity: the SAN kind and template, one template per Sigstore
 * extension (sigstore.md §1.3 table), default values (claims override them, as in Fulcio's {@code config.yaml}) and
 * derived variables for the few values a plain template cannot express (GitLab's ref from {@code ref_type}). The
 * mapping is data: {@link IdentityProfiles} holds one per issuer type, and configuration can add or replace them.
 *
 * @param derived variables computed from the token, consulted before claims and defaults
 */
public record IdentityProfile(SanKind sanKind, String sanTemplate, Map<FulcioExtension, String> extensionTemplates,
        Map<String, String> defaults, Map<String, Derivation> derived) {
    /** Extension values are short (URIs, digests); core's parser refuses longer ones. */
    static final int MAX_VALUE_BYTES = 4096;

    /** The subjectAltName kinds Fulcio issues (sigstore.md §1.2). */
    public enum SanKind {
        URI,
        EMAIL
    }

    /** A variable computed from the token; empty when it does not apply. */
    @FunctionalInterface
    public interface Derivation {
        Optional<String> derive(VerifiedToken token) throws IssuanceException;
    }

    public IdentityProfile {
        Objects.requireNonNull(sanKind, "sanKind");
        Objects.requireNonNull(sanTemplate, "sanTemplate");
        ClaimTemplate.validate(sanTemplate);
        EnumMap<FulcioExtension, String> templates = new EnumMap<>(FulcioExtension.class);
        templates.putAll(Objects.requireNonNull(extensionTemplates, "extensionTemplates"));
        templates.values().forEach(ClaimTemplate::validate);
        extensionTemplates = java.util.Collections.unmodifiableMap(templates);
        defaults = Map.copyOf(Objects.requireNonNull(defaults, "defaults"));
        derived = Map.copyOf(Objects.requireNonNull(derived, "derived"));
    }

    /** This profile with one default replaced, e.g. {@code url} for a GitHub Enterprise Server issuer. */
    public IdentityProfile withDefault(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(defaults);
        changed.put(name, value);
        return new IdentityProfile(sanKind, sanTemplate, extensionTemplates, changed, derived);
    }

    /** The SAN and extension values for a verified token (sigstore.md §1.4 step 1); empty values are omitted. */
    public Principal principal(VerifiedToken token) throws IssuanceException {
        ClaimTemplate.Variables variables = name -> variable(token, name);
        String sanValue = ClaimTemplate.expand(sanTemplate, variables);
        SubjectAlternativeName san = switch (sanKind) {
            case URI -> new SubjectAlternativeName.UriName(checkUri(sanValue));
            case EMAIL -> new SubjectAlternativeName.EmailName(checkEmail(sanValue));
        };
        Map<FulcioExtension, String> values = new EnumMap<>(FulcioExtension.class);
        for (Map.Entry<FulcioExtension, String> entry : extensionTemplates.entrySet()) {
            String value = ClaimTemplate.expand(entry.getValue(), variables);
            if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                throw new IssuanceException(Reason.INVALID_CLAIM, entry.getKey().displayName() + " value is too long");
            }
            if (!value.isEmpty()) {
                values.put(entry.getKey(), value);
            }
        }
        return new Principal(san, values);
    }

    private Optional<String> variable(VerifiedToken token, String name) throws IssuanceException {
        Derivation derivation = derived.get(name);
        if (derivation != null) {
            Optional<String> value = derivation.derive(token);
            if (value.isPresent()) {
                return value;
            }
        }
        Optional<String> claim = claimText(token, name);
        return claim.isPresent() ? claim : Optional.ofNullable(defaults.get(name));
    }

    /** A claim as text: strings as they are, integers and booleans in their JSON spelling; objects and arrays refused. */
    static Optional<String> claimText(VerifiedToken token, String name) throws IssuanceException {
        JsonNode node = token.claims().get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (node.isIntegralNumber() || node.isBoolean()) {
            return Optional.of(node.asText());
        }
        throw new IssuanceException(Reason.INVALID_CLAIM, "the claim " + name + " is not a string");
    }

    /** An IA5String URI SAN: ASCII and an absolute URI (RFC 5280 §4.2.1.6). */
    private static String checkUri(String value) throws IssuanceException {
        if (value.isEmpty() || !isAscii(value) || value.length() > MAX_VALUE_BYTES) {
            throw new IssuanceException(Reason.INVALID_CLAIM, "the identity is not an ASCII URI");
        }
        try {
            if (!new URI(value).isAbsolute()) {
                throw new IssuanceException(Reason.INVALID_CLAIM, "the identity is not an absolute URI");
            }
        } catch (URISyntaxException e) {
            throw new IssuanceException(Reason.INVALID_CLAIM, "the identity is not a URI");
        }
        return value;
    }

    /** An rfc822Name SAN: an ASCII mailbox with a local part and a domain. */
    private static String checkEmail(String value) throws IssuanceException {
        int at = value.lastIndexOf('@');
        if (!isAscii(value) || at <= 0 || at == value.length() - 1 || value.length() > 320 || value.contains(" ")) {
            throw new IssuanceException(Reason.INVALID_CLAIM, "the identity is not an ASCII e-mail address");
        }
        return value;
    }

    private static boolean isAscii(String value) {
        return value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
