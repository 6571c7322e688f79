package dev.hallmark.server.keys;

import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;

/**
 * The one way anything in Hallmark gets a signing key (DESIGN.md "Everything that signs goes through one
 * key-management interface"): files now, PKCS#11 or a KMS later, behind the same call.
 */
public interface KeyManager {
    /**
     * The signer for a named key, created on first use and the same key on every later call and restart. Asking for
     * an existing key under another algorithm fails with {@link KeyException.Reason#ALGORITHM_MISMATCH}.
     */
    Signer signer(KeyName name, SignatureAlgorithm algorithm) throws KeyException;
}
