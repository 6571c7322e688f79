package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.OlpcCanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signs role records (TUF §4.2): each signer signs the OLPC canonical JSON of {@code signed}, under the key ID of its
 * key object as the root lists it. Signers hand in their key object so IDs always match the root's.
 */
public final class MetadataSigner {
    private MetadataSigner() {
    }

    /** A signing key together with the key object the root lists for it. */
    public record RoleSigner(Signer signer, TufKey key) {
        public RoleSigner {
            java.util.Objects.requireNonNull(signer, "signer");
            java.util.Objects.requireNonNull(key, "key");
            try {
                if (!Keys.spki(key.publicKey()).equals(Keys.spki(signer.publicKey()))
                        || key.supportedScheme().orElseThrow().algorithm() != signer.algorithm()) {
                    throw new IllegalArgumentException("the key object does not describe the signer's key");
                }
            } catch (FormatException e) {
                throw new IllegalArgumentException("unusable key object: " + e.getMessage());
            }
        }

        /** The key object sigstore's repository would write for this signer, with no extensions. */
        public static RoleSigner of(Signer signer) throws FormatException {
            return new RoleSigner(signer, TufKey.of(signer.publicKey(), Map.of()));
        }
    }

    public static <T extends Role> Metadata<T> sign(T role, List<RoleSigner> signers) {
        Bytes canonical = Bytes.of(OlpcCanonicalJson.canonicalize(TufCodec.signedJson(role)));
        List<TufSignature> signatures = new ArrayList<>();
        for (RoleSigner s : signers) {
            signatures.add(new TufSignature(s.key().keyId(), s.signer().sign(canonical)));
        }
        return new Metadata<>(role, signatures, canonical);
    }
}
