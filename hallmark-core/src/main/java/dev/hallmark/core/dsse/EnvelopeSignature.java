package dev.hallmark.core.dsse;

import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;

/**
 * One DSSE signature. {@code keyid} is an unauthenticated hint and is the empty string when absent: Fulcio-signed npm
 * provenance carries none, npm publish attestations carry the registry key id ({@code SHA256:…}).
 */
public record EnvelopeSignature(String keyid, Bytes sig) {
    public EnvelopeSignature {
        Objects.requireNonNull(keyid, "keyid");
        Objects.requireNonNull(sig, "sig");
        if (sig.isEmpty()) {
            throw new IllegalArgumentException("empty DSSE signature");
        }
    }
}
