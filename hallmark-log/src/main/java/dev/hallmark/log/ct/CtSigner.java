package dev.hallmark.log.ct;

import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.x509.SctEncoding;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import java.util.Objects;

/**
 * The CT log's key at work: SCTs over the leaves it appends and signatures over its tree heads, both ECDSA P-256 with
 * SHA-256 as the public-good logs (sigstore.md §2.2). The log ID is SHA-256 of the key's DER SubjectPublicKeyInfo,
 * which a trusted root lists as {@code ctlogs[].logId.keyId}.
 */
final class CtSigner {
    private static final int TLS_SHA256 = 4;
    private static final int TLS_ECDSA = 3;

    private final Signer key;
    private final Bytes logId;
    private final PublicKeyVerifier verifier;

    CtSigner(Signer key) {
        this.key = Objects.requireNonNull(key, "key");
        if (key.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new IllegalArgumentException("a CT log signs with ECDSA P-256 and SHA-256, not " + key.algorithm());
        }
        this.verifier = key.verifier();
        this.logId = HashAlgorithm.SHA2_256.digest(Keys.spki(key.publicKey()).toArray()).value();
    }

    Bytes logId() {
        return logId;
    }

    /** The SCT for a leaf: the signature covers the leaf's own encoding (see {@link MerkleTreeLeaf}); self-checked. */
    SignedCertificateTimestamp sct(MerkleTreeLeaf leaf) {
        Bytes signed = leaf.encode();
        Bytes signature = key.sign(signed);
        check(signed, signature);
        return new SignedCertificateTimestamp(0, logId, leaf.timestampMillis(), leaf.extensions(), TLS_SHA256, TLS_ECDSA, signature);
    }

    SignedTreeHead treeHead(long timestampMillis, long treeSize, Bytes rootHash) {
        Bytes signed = SignedTreeHead.signedData(timestampMillis, treeSize, rootHash);
        Bytes signature = key.sign(signed);
        check(signed, signature);
        return new SignedTreeHead(treeSize, timestampMillis, rootHash, SctEncoding.digitallySigned(TLS_SHA256, TLS_ECDSA, signature));
    }

    private void check(Bytes signed, Bytes signature) {
        try {
            verifier.verify(signed, signature);
        } catch (BadSignatureException e) {
            throw new IllegalStateException("the CT log key produced a signature that does not verify", e);
        }
    }
}
