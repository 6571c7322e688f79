package dev.hallmark.core.bundle;

import dev.hallmark.core.dsse.Envelope;
import java.util.Objects;

/** A DSSE envelope as bundle content; a bundle's envelope carries exactly one signature (sigstore.md §6.1). */
public record DsseContent(Envelope envelope) implements BundleContent {
    public DsseContent {
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.signatures().size() != 1) {
            throw new IllegalArgumentException("a bundle's DSSE envelope must have exactly one signature");
        }
    }
}
