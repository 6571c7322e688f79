package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * One signed metadata file (TUF §4.2): the role, its signatures, and the OLPC canonical JSON of {@code signed} as it
 * was received or produced. Signatures are checked over those bytes, never over a re-encoding of the record, so
 * fields the record does not model (delegations, {@code custom}, {@code x-…}) stay covered.
 */
public record Metadata<T extends Role>(T signed, List<TufSignature> signatures, Bytes canonicalSigned) {
    public Metadata {
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(canonicalSigned, "canonicalSigned");
        signatures = List.copyOf(signatures);
    }
}
