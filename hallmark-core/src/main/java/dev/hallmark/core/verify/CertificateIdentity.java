package dev.hallmark.core.verify;

import dev.hallmark.core.x509.FulcioExtension;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The signer a policy expects: SAN, OIDC issuer (matched exactly, sigstore.md §8 step 6) and optional Fulcio
 * extension values such as the source repository (1.12) or ref (1.14).
 */
public record CertificateIdentity(SanMatcher san, String issuer, Map<FulcioExtension, String> extensions) {
    public CertificateIdentity {
        Objects.requireNonNull(san, "san");
        Objects.requireNonNull(issuer, "issuer");
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException("empty issuer");
        }
        extensions = Collections.unmodifiableMap(extensions.isEmpty()
                ? new EnumMap<>(FulcioExtension.class) : new EnumMap<>(extensions));
    }

    public static CertificateIdentity exact(String san, String issuer) {
        return new CertificateIdentity(new SanMatcher.Exact(san), issuer, Map.of());
    }

    public static CertificateIdentity regex(String sanPattern, String issuer) {
        return new CertificateIdentity(new SanMatcher.Regex(Pattern.compile(sanPattern)), issuer, Map.of());
    }

    /** This identity, also requiring the extension to have exactly {@code value}. */
    public CertificateIdentity withExtension(FulcioExtension extension, String value) {
        Map<FulcioExtension, String> more = new EnumMap<>(FulcioExtension.class);
        more.putAll(extensions);
        more.put(extension, Objects.requireNonNull(value, "value"));
        return new CertificateIdentity(san, issuer, more);
    }
}
