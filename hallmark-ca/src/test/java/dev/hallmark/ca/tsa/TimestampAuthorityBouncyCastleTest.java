package dev.hallmark.ca.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.ca.api.CaApiResponse;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 "TSA responses verify with hallmark-core and BouncyCastle": the BouncyCastle half. The response is checked
 * with BC's own RFC 3161 validation (status, imprint, nonce, policy, certReq), the token's signature and
 * ESSCertIDv2 with a verifier built from the published signing certificate, and the published chain with PKIX (the
 * JDK's provider and BC's), none of it through hallmark-core.
 */
class TimestampAuthorityBouncyCastleTest {
    private static final Provider BC = new BouncyCastleProvider();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final TsaChain CHAIN = TsaChain.create(Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384),
            Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384), NOW.minusSeconds(3600));
    private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

    private final TimestampAuthority tsa = TimestampAuthority.create(CHAIN, InstantSource.fixed(NOW));

    private static TimeStampRequest request(BigInteger nonce) throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest("signature bytes".getBytes(StandardCharsets.UTF_8));
        return generator.generate(TSPAlgorithms.SHA256, imprint, nonce);
    }

    private TimeStampResponse stamp(TimeStampRequest request) throws Exception {
        CaApiResponse response = tsa.timestamp(Bytes.of(request.getEncoded()), TimestampAuthority.TIMESTAMP_QUERY);
        assertThat(response.status()).isEqualTo(200);
        return new TimeStampResponse(response.body().toArray());
    }

    /** What {@code GET /api/v1/timestamp/certchain} serves, parsed by the JDK: signing certificate, then root. */
    @SuppressWarnings("unchecked")
    private List<X509Certificate> publishedChain() throws Exception {
        byte[] pem = tsa.certChain().bodyText().getBytes(StandardCharsets.US_ASCII);
        return List.copyOf((java.util.Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem)));
    }

    private static SignerInformationVerifier verifierFor(X509Certificate certificate) throws Exception {
        return new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate);
    }

    @Test
    void responseAndTokenValidateWithBouncyCastle() throws Exception {
        TimeStampRequest request = request(new BigInteger("123456789012345678901234567890"));
        TimeStampResponse response = stamp(request);
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);

        response.validate(request); // imprint, nonce, policy and the signing certificate requested by certReq
        TimeStampToken token = response.getTimeStampToken();
        List<X509Certificate> chain = publishedChain();
        // signature, ESSCertIDv2 naming this certificate, its validity at genTime, critical EKU timeStamping only
        token.validate(verifierFor(chain.getFirst()));

        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isEqualTo(NOW);
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(request.getNonce());
        assertThat(token.getSID().match(new JcaX509CertificateHolder(chain.getFirst()))).isTrue();
        assertThat(token.getCertificates().getMatches(null)).hasSize(2);
    }

    @Test
    void bouncyCastleNoticesAMismatchedRequestOrSigner() throws Exception {
        TimeStampResponse response = stamp(request(BigInteger.ONE));
        assertThatThrownBy(() -> response.validate(request(BigInteger.TWO))).isInstanceOf(TSPException.class);
        TimeStampToken token = response.getTimeStampToken();
        X509Certificate root = publishedChain().getLast();
        assertThatThrownBy(() -> token.validate(verifierFor(root))).isInstanceOf(TSPValidationException.class);
        X509Certificate stranger = TsaChain.create(Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384),
                Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384), NOW.minusSeconds(3600)).signingCertificate();
        assertThatThrownBy(() -> token.validate(verifierFor(stranger))).isInstanceOf(TSPValidationException.class);
    }

    @Test
    void publishedChainValidatesWithPkixForTimeStamping() throws Exception {
        List<X509Certificate> chain = publishedChain();
        assertThat(chain).hasSize(2);
        assertThat(chain.getFirst().getExtendedKeyUsage()).containsExactly(TIME_STAMPING);
        Date genTime = stamp(request(BigInteger.TEN)).getTimeStampToken().getTimeStampInfo().getGenTime();
        for (Provider provider : List.of(CertificateFactory.getInstance("X.509").getProvider(), BC)) {
            CertPathValidator.getInstance("PKIX", provider).validate(path(chain), pkix(chain.getLast(), genTime));
        }
    }

    @Test
    void pkixRefusesTheChainUnderAnotherRootOrOutsideItsValidity() throws Exception {
        List<X509Certificate> chain = publishedChain();
        X509Certificate otherRoot = TsaChain.create(Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384),
                Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384), NOW.minusSeconds(3600)).root();
        CertPathValidator pkix = CertPathValidator.getInstance("PKIX");
        assertThatThrownBy(() -> pkix.validate(path(chain), pkix(otherRoot, Date.from(NOW))))
                .isInstanceOf(CertPathValidatorException.class);
        Date beforeIssuance = Date.from(NOW.minusSeconds(7200));
        assertThatThrownBy(() -> pkix.validate(path(chain), pkix(chain.getLast(), beforeIssuance)))
                .isInstanceOf(CertPathValidatorException.class);
    }

    /** The path to validate: the published chain without its root, which is the trust anchor. */
    private static CertPath path(List<X509Certificate> chain) throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1));
    }

    private static PKIXParameters pkix(X509Certificate root, Date at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false); // short-lived Sigstore chains carry no CRL or OCSP pointers
        parameters.setDate(at);
        X509CertSelector timeStamping = new X509CertSelector();
        timeStamping.setExtendedKeyUsage(Set.of(TIME_STAMPING));
        parameters.setTargetCertConstraints(timeStamping);
        return parameters;
    }
}
