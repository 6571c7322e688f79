package dev.hallmark.core.trust;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import java.util.Objects;
import java.util.Optional;

/**
 * A transparency log or CT log the trusted root names ({@code TransparencyLogInstance}): where it is, its key and
 * the IDs it is known by. Rekor v1 and CT logs are found by {@code logId} = SHA-256(SPKI); Rekor v2 logs by the
 * C2SP checkpoint key ID, which v2 roots put in both fields.
 */
public record TransparencyLog(
        String baseUrl,
        HashAlgorithm hashAlgorithm,
        PublicKeyMaterial publicKey,
        Bytes logId,
        Optional<Bytes> checkpointKeyId,
        Optional<String> operator) {
    public TransparencyLog {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(checkpointKeyId, "checkpointKeyId");
        Objects.requireNonNull(operator, "operator");
    }

    /** Whether this log is the one a bundle entry names, by log ID or checkpoint key ID. */
    public boolean hasId(Bytes id) {
        return logId.equals(id) || checkpointKeyId.map(id::equals).orElse(false);
    }

    /** The host of {@code baseUrl}, without port: the name Rekor signs checkpoints with (sigstore.md §3.4). */
    public String host() {
        String authority = authority();
        int colon = authority.lastIndexOf(':');
        return colon > 0 && !authority.endsWith("]") ? authority.substring(0, colon) : authority;
    }

    /** The host and port of {@code baseUrl}; a log on a non-default port may sign checkpoints with this name. */
    public String authority() {
        String rest = baseUrl.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }
}
