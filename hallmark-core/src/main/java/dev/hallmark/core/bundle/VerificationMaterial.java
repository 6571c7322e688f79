package dev.hallmark.core.bundle;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;

/** The signer's key material, the log entries and the RFC 3161 timestamps (DER {@code TimeStampResp}s). */
public record VerificationMaterial(KeyMaterial keyMaterial, List<TlogEntry> tlogEntries, List<Bytes> rfc3161Timestamps) {
    public VerificationMaterial {
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        tlogEntries = List.copyOf(tlogEntries);
        rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
    }
}
