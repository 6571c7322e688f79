package dev.hallmark.core.verify;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import java.security.PublicKey;
import dev.hallmark.core.trust.ValidityPeriod;
import java.util.Objects;
import java.util.Optional;

/**
 * What one verification must establish: which artifact was signed and who must have signed it (STYLE: the policy
 * names the artifact and the identity; opting out of the identity reads as dangerous).
 */
public record Policy(Artifact artifact, ExpectedSigner signer) {
    public Policy {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(signer, "signer");
    }

    /** Who must have signed. */
    public sealed interface ExpectedSigner {
        record Certificate(CertificateIdentity identity) implements ExpectedSigner {
            public Certificate {
                Objects.requireNonNull(identity, "identity");
            }
        }

        /**
         * A managed key, for bundles whose key material is a {@code publicKey} hint; when its validity is known, every
         * trusted time of the signature must lie within it (sigstore.md §8 step 3).
         */
        record Key(PublicKey key, Optional<ValidityPeriod> validFor) implements ExpectedSigner {
            public Key {
                Objects.requireNonNull(key, "key");
                Objects.requireNonNull(validFor, "validFor");
            }
        }

        /** Any certificate the trusted CAs issued; what stock npm checks, and not enough on its own. */
        record AnyCertificateUnsafe() implements ExpectedSigner {
        }
    }

    public static Builder forArtifact(byte[] content) {
        return new Builder(new Artifact.Content(Bytes.of(content)));
    }

    public static Builder forArtifact(Bytes content) {
        return new Builder(new Artifact.Content(content));
    }

    public static Builder forDigest(Digest digest) {
        return new Builder(new Artifact.DigestOnly(digest));
    }

    /** The second half of a policy: the artifact is fixed, the signer is still to be named. */
    public record Builder(Artifact artifact) {
        public Policy requireIdentity(CertificateIdentity identity) {
            return new Policy(artifact, new ExpectedSigner.Certificate(identity));
        }

        public Policy requireKey(PublicKey key) {
            return new Policy(artifact, new ExpectedSigner.Key(key, Optional.empty()));
        }

        public Policy requireKey(PublicKey key, ValidityPeriod validFor) {
            return new Policy(artifact, new ExpectedSigner.Key(key, Optional.of(validFor)));
        }

        public Policy withoutIdentityUnsafe() {
            return new Policy(artifact, new ExpectedSigner.AnyCertificateUnsafe());
        }
    }
}
