package dev.hallmark.core.rekor;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.security.PublicKey;

/** The check Rekor v1 makes on a proposed DSSE or intoto entry: the signature verifies over the PAE with the key. */
final class ProposedSignatures {
    private ProposedSignatures() {
    }

    static boolean verifies(VerifierKey key, Bytes pae, Bytes signature) throws FormatException {
        PublicKey publicKey = key.toPublicKey();
        PublicKeyVerifier verifier = SignatureAlgorithm.defaultFor(publicKey).verifier(publicKey);
        try {
            verifier.verify(pae, signature);
            return true;
        } catch (BadSignatureException e) {
            return false;
        }
    }
}
