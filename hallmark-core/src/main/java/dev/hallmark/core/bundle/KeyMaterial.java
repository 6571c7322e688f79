package dev.hallmark.core.bundle;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;

/** How the bundle names its signer: a leaf certificate (v0.3), a certificate chain (v0.1/v0.2) or a key hint. */
public sealed interface KeyMaterial {

    /** v0.3 {@code certificate}: the DER leaf alone. */
    record Certificate(Bytes der) implements KeyMaterial {
        public Certificate {
            Objects.requireNonNull(der, "der");
        }
    }

    /** v0.1/v0.2 {@code x509CertificateChain}: DER certificates, leaf first. */
    record CertificateChain(List<Bytes> certificates) implements KeyMaterial {
        public CertificateChain {
            certificates = List.copyOf(certificates);
        }
    }

    /** {@code publicKey.hint}: names a key the verifier already holds (for npm, the registry key ID). */
    record PublicKeyHint(String hint) implements KeyMaterial {
        public PublicKeyHint {
            Objects.requireNonNull(hint, "hint");
        }
    }
}
