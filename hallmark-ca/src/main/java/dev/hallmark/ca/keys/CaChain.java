package dev.hallmark.ca.keys;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.x509.CertificateAuthority;
import dev.hallmark.core.x509.CertificateLinks;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.KeyPurpose;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Fulcio CA hierarchy: a self-signed root ({@code O=hallmark, CN=hallmark-root}, 10 years) and the intermediate
 * that issues leaves ({@code O=hallmark, CN=hallmark-intermediate}, pathlen 0, EKU codeSigning), shaped as the
 * public-good CA is (sigstore.md §1.2). Only the intermediate's signer is kept: after the first start the root key
 * can stay offline.
 *
 * <p>The server generates the chain once ({@link #create}), stores the PEM, and on every later start re-creates the
 * same value from the files ({@link #fromPem}), so issued leaves keep chaining to the root in its trusted root.
 */
public record CaChain(X509Certificate root, X509Certificate intermediate, Signer intermediateSigner) {
    public static final String ROOT_SUBJECT = "O=hallmark,CN=hallmark-root";
    public static final String INTERMEDIATE_SUBJECT = "O=hallmark,CN=hallmark-intermediate";
    public static final Duration VALIDITY = Duration.ofDays(3652);

    public CaChain {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(intermediate, "intermediate");
        Objects.requireNonNull(intermediateSigner, "intermediateSigner");
        requireCaScheme(intermediateSigner);
        if (!intermediate.getPublicKey().equals(intermediateSigner.publicKey())) {
            throw new IllegalArgumentException("the intermediate certificate is not for the intermediate signer's key");
        }
        if (!Certificates.isSelfSigned(root) || !CertificateLinks.issuedBy(intermediate, root)) {
            throw new IllegalArgumentException("the intermediate must be issued by a self-signed root");
        }
    }

    /**
     * Generates root and intermediate valid from {@code now} for ten years. ECDSA P-384 (as the public good) is the
     * recommended scheme for both; P-256, P-521 and RSA PKCS#1 v1.5 are accepted, Ed25519 and RSA-PSS are not
     * (sigstore-js and sigstore-java only verify ECDSA and RSA certificate signatures reliably).
     */
    public static CaChain create(Signer rootSigner, Signer intermediateSigner, Instant now) {
        requireCaScheme(rootSigner);
        requireCaScheme(intermediateSigner);
        Instant notAfter = now.plus(VALIDITY);
        X509Certificate root = CertificateTemplates.selfSignedCa(rootSigner, ROOT_SUBJECT, now, notAfter);
        X509Certificate intermediate = CertificateTemplates.subordinateCa(rootSigner, root, intermediateSigner.publicKey(),
                INTERMEDIATE_SUBJECT, now, notAfter, 0, Optional.of(KeyPurpose.CODE_SIGNING));
        return new CaChain(root, intermediate, intermediateSigner);
    }

    /**
     * Re-creates a stored chain: {@code chainPem} holds the intermediate then the root (the trust-bundle order).
     * The intermediate must be for {@code intermediateSigner}'s key and be signed by the self-signed root.
     */
    public static CaChain fromPem(String chainPem, Signer intermediateSigner) throws FormatException {
        List<X509Certificate> chain = Certificates.parsePemChain(chainPem);
        if (chain.size() != 2) {
            throw new FormatException("a CA chain file holds the intermediate and the root, not " + chain.size() + " certificates");
        }
        try {
            return new CaChain(chain.get(1), chain.get(0), intermediateSigner);
        } catch (IllegalArgumentException e) {
            throw new FormatException("stored CA chain does not fit: " + e.getMessage());
        }
    }

    /** Intermediate then root, as the trust bundle and the tail of every issued chain list them (sigstore.md §1.1). */
    public List<X509Certificate> certificates() {
        return List.of(intermediate, root);
    }

    /** The PEM text {@link #fromPem} reads back. */
    public String pem() {
        return Certificates.toPem(intermediate) + Certificates.toPem(root);
    }

    /** The chain as a trusted root lists it ({@code certificateAuthorities[]}), valid from the root's notBefore. */
    public CertificateAuthority authority() {
        return new CertificateAuthority(certificates(), root.getNotBefore().toInstant(), Optional.empty());
    }

    private static void requireCaScheme(Signer signer) {
        SignatureAlgorithm algorithm = signer.algorithm();
        if (algorithm == SignatureAlgorithm.ED25519 || algorithm == SignatureAlgorithm.RSA_PSS_SHA256) {
            throw new IllegalArgumentException(algorithm + " is not supported for CA keys");
        }
    }
}
