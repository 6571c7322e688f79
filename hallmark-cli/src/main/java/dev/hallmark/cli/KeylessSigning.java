package dev.hallmark.cli;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleContent;
import dev.hallmark.core.bundle.BundleVersion;
import dev.hallmark.core.bundle.DsseContent;
import dev.hallmark.core.bundle.KeyMaterial;
import dev.hallmark.core.bundle.MessageSignature;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.VerificationMaterial;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSigner;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.rekor.EntryVerifier;
import dev.hallmark.core.rekor.RekorV1Entries;
import dev.hallmark.core.rekor.RekorV2Entries;
import dev.hallmark.core.rekor.VerifierKey;
import dev.hallmark.core.trust.SigningConfig;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.FulcioCertificate;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Keyless signing as the Sigstore client spec describes it: an ephemeral ECDSA P-256 key, a Fulcio certificate for
 * it, the signature logged in every transparency log the signing config selects (Rekor v1 as hashedrekord 0.0.1 or
 * dsse 0.0.1; Rekor v2 as hashedrekord 0.0.2) and timestamped by every selected TSA. The key lives only in memory.
 */
public final class KeylessSigning {
    /** Fulcio's v2 REST API is {@code majorApiVersion} 1 in signing configs; TSAs likewise. */
    static final List<Integer> CA_VERSIONS = List.of(1);
    static final List<Integer> LOG_VERSIONS = List.of(1, 2);
    static final List<Integer> TSA_VERSIONS = List.of(1);
    private static final String KEY_DETAILS = "PKIX_ECDSA_P256_SHA_256";

    /** What the services were chosen as for one signing. */
    public record Services(URI ca, List<SigningConfig.Service> logs, List<URI> tsas) {
    }

    private KeylessSigning() {
    }

    public static Services select(SigningConfig config, Instant now) {
        SigningConfig.Service ca = config.selectCa(now, CA_VERSIONS)
                .orElseThrow(() -> CliException.usage("the signing config names no CA valid now with API version 1"));
        List<SigningConfig.Service> logs = config.selectTlogs(now, LOG_VERSIONS);
        if (logs.isEmpty()) {
            throw CliException.usage("the signing config selects no transparency log valid now (API version 1 or 2)");
        }
        logs.forEach(l -> ServiceCall.url(l.url(), "transparency log"));
        List<URI> tsas = config.selectTsas(now, TSA_VERSIONS).stream().map(t -> ServiceCall.url(t.url(), "TSA")).toList();
        return new Services(ServiceCall.url(ca.url(), "CA"), logs, tsas);
    }

    /** Signs the artifact as a message signature, or, when {@code inToto}, the in-toto statement it holds as DSSE. */
    public static Bundle sign(ServiceCall http, byte[] file, boolean inToto, IdentityToken token, Services services) {
        return sign(http, certificate -> file, inToto, token, services);
    }

    /**
     * As above, with what is signed made once the certificate is known: a statement may state what the CA certified.
     */
    public static Bundle sign(ServiceCall http, Function<X509Certificate, byte[]> signedContent, boolean inToto,
            IdentityToken token, Services services) {
        Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate certificate = SigstoreServices.certificate(http, services.ca(), token, key);
        byte[] file = signedContent.apply(certificate);
        Bytes der = Certificates.der(certificate);
        VerifierKey verifier;
        try {
            verifier = VerifierKey.certificate(der);
        } catch (FormatException e) {
            throw CliException.failed("the CA's certificate is malformed: " + e.getMessage());
        }
        BundleContent content;
        Bytes signature;
        Digest signedDigest;
        if (inToto) {
            Bytes payload = Bytes.of(file);
            statement(payload);
            Envelope envelope = EnvelopeSigner.withoutKeyid(key).sign(Statement.PAYLOAD_TYPE, payload);
            content = new DsseContent(envelope);
            signature = envelope.signatures().get(0).sig();
            signedDigest = Digest.sha256(envelope.pae().toArray());
        } else {
            signature = key.sign(file);
            signedDigest = Digest.sha256(file);
            content = new MessageSignature(java.util.Optional.of(signedDigest), signature);
        }
        List<TlogEntry> entries = new ArrayList<>();
        for (SigningConfig.Service log : services.logs()) {
            URI url = ServiceCall.url(log.url(), "transparency log");
            entries.add(log.majorApiVersion() == 2
                    // Rekor v2 has only hashedrekord: for DSSE the digest is that of the PAE (sigstore.md §4.1).
                    ? SigstoreServices.rekorV2(http, url, RekorV2Entries.hashedRekordRequest(signedDigest, signature,
                            new EntryVerifier(verifier, KEY_DETAILS)))
                    : SigstoreServices.rekorV1(http, url, content instanceof DsseContent d
                            ? RekorV1Entries.proposedDsse(d.envelope().toJson(), List.of(verifier.toPem()))
                            : RekorV1Entries.proposedHashedRekord(signedDigest, signature, verifier)));
        }
        List<Bytes> timestamps = services.tsas().stream().map(tsa -> SigstoreServices.timestamp(http, tsa, signature)).toList();
        return new Bundle(BundleVersion.V0_3, new VerificationMaterial(new KeyMaterial.Certificate(der), entries, timestamps), content);
    }

    /**
     * The bundle must verify as any verifier will check it: chain to a trusted CA, SCT, log entries, timestamps,
     * signature over the artifact the policy names, with the identity the certificate states (STYLE: check your own
     * outputs before they leave). Returns that identity as "SAN (issuer)".
     */
    public static String selfCheck(Bundle signed, Policy.Builder policy, Verifier verifier) {
        FulcioCertificate certificate;
        try {
            certificate = FulcioCertificate.parse(Certificates.parseDer(((KeyMaterial.Certificate) signed.verificationMaterial().keyMaterial()).der()));
        } catch (FormatException e) {
            throw CliException.failed("the CA issued a certificate that is not a Fulcio certificate: " + e.getMessage());
        }
        String san = certificate.san().value();
        String issuer = certificate.issuer()
                .orElseThrow(() -> CliException.failed("the CA issued a certificate without an issuer extension"));
        try {
            verifier.verify(signed, policy.requireIdentity(CertificateIdentity.exact(san, issuer)));
        } catch (VerificationException e) {
            throw CliException.failed("the signed bundle does not verify against the trusted root (" + e.reason() + "): "
                    + e.getMessage());
        }
        return san + " (" + issuer + ")";
    }

    /** The FILE of {@code --in-toto} must be an in-toto statement: its subjects are what a verifier matches. */
    public static Statement statement(Bytes payload) {
        try {
            Statement statement = Statement.parse(payload);
            if (statement.subjects().isEmpty()) {
                throw CliException.usage("the in-toto statement has no subject");
            }
            return statement;
        } catch (FormatException | IllegalArgumentException e) {
            throw CliException.usage("the file is not an in-toto statement: " + e.getMessage());
        }
    }
}
