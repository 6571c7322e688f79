package dev.hallmark.ca.tsa;

import dev.hallmark.ca.api.CaApiResponse;
import dev.hallmark.ca.keys.CertificateTemplates;
import dev.hallmark.ca.keys.SignerContentSigner;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.CollectionStore;

/**
 * The RFC 3161 timestamp authority of sigstore.md §5 ({@code POST /api/v1/timestamp}, {@code GET
 * /api/v1/timestamp/certchain}) as plain Java. Tokens carry genTime from the injected clock (whole seconds, UTC),
 * the request's nonce, the policy 1.3.6.1.4.1.57264.2 unless the request names another, accuracy 1 s, and an
 * ESSCertIDv2 (SHA-256) naming the signing certificate; the certificates are embedded only when the request asks.
 * Signing goes through our {@code Signer} via {@link SignerContentSigner}. Thread-safe: BouncyCastle's generators
 * are built per request.
 */
public final class TimestampAuthority {
    /** The public-good Sigstore TSA policy (sigstore.md §1.3, §5). */
    public static final String DEFAULT_POLICY = "1.3.6.1.4.1.57264.2";
    /** A TimeStampReq is ~60–100 bytes and the JSON form ~200; 16 KiB is generous. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final String TIMESTAMP_QUERY = "application/timestamp-query";
    private static final System.Logger LOG = System.getLogger(TimestampAuthority.class.getName());
    private static final Set<ASN1ObjectIdentifier> ACCEPTED_HASHES = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private final TsaChain chain;
    private final InstantSource clock;
    private final X509CertificateHolder signingCertificate;
    private final CollectionStore<X509CertificateHolder> certificates;
    private final DigestCalculatorProvider digests = new BcDigestCalculatorProvider();

    private TimestampAuthority(TsaChain chain, InstantSource clock) {
        this.chain = chain;
        this.clock = clock;
        List<X509CertificateHolder> holders = new ArrayList<>();
        for (X509Certificate certificate : chain.certificates()) {
            holders.add(holder(certificate));
        }
        this.signingCertificate = holders.getFirst();
        this.certificates = new CollectionStore<>(holders);
    }

    public static TimestampAuthority create(TsaChain chain, InstantSource clock) {
        return new TimestampAuthority(Objects.requireNonNull(chain, "chain"), Objects.requireNonNull(clock, "clock"));
    }

    public TsaChain chain() {
        return chain;
    }

    /** {@code GET /api/v1/timestamp/certchain}: signing certificate then root, PEM. */
    public CaApiResponse certChain() {
        return CaApiResponse.text(200, CaApiResponse.PEM, chain.pem());
    }

    /**
     * {@code POST /api/v1/timestamp}: DER for {@code application/timestamp-query}, JSON for {@code application/json};
     * a DER {@code TimeStampResp} ({@code application/timestamp-reply}) on success; 400 for a malformed or
     * unsupported request, 413 when too large, 415 for another content type.
     */
    public CaApiResponse timestamp(Bytes body, String contentType) {
        Objects.requireNonNull(body, "body");
        if (body.length() > MAX_BODY_BYTES) {
            return CaApiResponse.error(413, "request body too large");
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        TimeStampRequest request;
        try {
            request = switch (mediaType) {
                case TIMESTAMP_QUERY -> TimestampRequestCodec.parseDer(body);
                case CaApiResponse.JSON -> TimestampRequestCodec.parseJson(body, MAX_BODY_BYTES);
                default -> null;
            };
        } catch (FormatException e) {
            return CaApiResponse.error(400, "invalid timestamp request: " + e.getMessage());
        }
        if (request == null) {
            return CaApiResponse.error(415, "content type must be " + TIMESTAMP_QUERY + " or " + CaApiResponse.JSON);
        }
        try {
            return CaApiResponse.bytes(200, CaApiResponse.TIMESTAMP_REPLY, Bytes.of(sign(request).getEncoded()));
        } catch (TSPException | OperatorCreationException | IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "timestamp signing failed", e);
            return CaApiResponse.error(500, "error generating timestamp");
        }
    }

    private TimeStampResponse sign(TimeStampRequest request) throws TSPException, OperatorCreationException {
        SignerInfoGenerator signerInfo = new SignerInfoGeneratorBuilder(digests)
                .build(new SignerContentSigner(chain.signer()), signingCertificate);
        // a SHA-256 calculator makes BouncyCastle write ESSCertIDv2 (RFC 5816) rather than the SHA-1 ESSCertID
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo,
                digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), new ASN1ObjectIdentifier(DEFAULT_POLICY));
        tokens.setAccuracySeconds(1);
        tokens.addCertificates(certificates); // embedded only if the request's certReq is true
        BigInteger serial = CertificateTemplates.randomSerial();
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, ACCEPTED_HASHES);
        try {
            return responses.generateGrantedResponse(request, serial, CertificateTemplates.seconds(clock.instant()));
        } catch (TSPException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TSPException("cannot generate timestamp", e);
        }
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("TSA certificate cannot be encoded", e);
        }
    }

}
