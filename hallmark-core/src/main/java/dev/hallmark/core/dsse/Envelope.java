package dev.hallmark.core.dsse;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;

/** TEMPORARY placeholder until the dsse package lands from its branch. */
public record Envelope(String payloadType, Bytes payload, List<EnvelopeSignature> signatures) {
    public Envelope {
        signatures = List.copyOf(signatures);
    }
}
