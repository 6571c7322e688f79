package dev.hallmark.core.dsse;

import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.PublicKeyVerifier;

/**
 * Checks DSSE signatures over the PAE with a known key. Key ids are hints only (DSSE protocol.md): they never decide
 * whether a signature counts, so every signature is tried.
 */
public final class EnvelopeVerifier {
    private EnvelopeVerifier() {
    }

    /** Returns the first signature that verifies under {@code verifier}; throws when none does. */
    public static EnvelopeSignature verifyAny(Envelope envelope, PublicKeyVerifier verifier) throws BadSignatureException {
        byte[] pae = envelope.pae().toArray();
        for (EnvelopeSignature signature : envelope.signatures()) {
            try {
                verifier.verify(pae, signature.sig().toArray());
                return signature;
            } catch (BadSignatureException e) {
                // try the next signature
            }
        }
        throw new BadSignatureException("no DSSE signature verifies under the given key");
    }

    /**
     * The Sigstore bundle rule (sigstore.md §6.1): the envelope has exactly one signature, and it verifies. Returns it.
     */
    public static EnvelopeSignature verifySingle(Envelope envelope, PublicKeyVerifier verifier) throws BadSignatureException {
        if (envelope.signatures().size() != 1) {
            throw new BadSignatureException("a Sigstore DSSE envelope must have exactly one signature, not "
                    + envelope.signatures().size());
        }
        EnvelopeSignature signature = envelope.signatures().get(0);
        verifier.verify(envelope.pae(), signature.sig());
        return signature;
    }
}
