package dev.hallmark.core.dsse;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Signer;
import java.util.List;
import java.util.Objects;

/**
 * Signs DSSE envelopes with one key: the signature covers the PAE (DSSE protocol.md), never the bare payload. Used for
 * npm publish attestations (keyid = the registry's {@code SHA256:…} key id, npm.md §7.2) and for provenance signed with
 * a Fulcio key (keyid empty).
 */
public final class EnvelopeSigner {
    private final Signer signer;
    private final String keyid;

    public EnvelopeSigner(Signer signer, String keyid) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.keyid = Objects.requireNonNull(keyid, "keyid");
    }

    /** A signer whose signatures carry no key id. */
    public static EnvelopeSigner withoutKeyid(Signer signer) {
        return new EnvelopeSigner(signer, "");
    }

    public Envelope sign(String payloadType, Bytes payload) {
        Bytes sig = signer.sign(Pae.encode(payloadType, payload));
        return new Envelope(payloadType, payload, List.of(new EnvelopeSignature(keyid, sig)));
    }
}
