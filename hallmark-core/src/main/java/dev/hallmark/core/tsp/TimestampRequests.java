package dev.hallmark.core.tsp;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/**
 * Builds DER {@code TimeStampReq} bodies (RFC 3161 §2.4.1) for {@code POST /api/v1/timestamp} with
 * {@code Content-Type: application/timestamp-query} (sigstore.md §5). The imprint is the hash of the signature bytes.
 */
public final class TimestampRequests {
    private TimestampRequests() {
    }

    /** A request with a nonce (echoed in the token, so a client can match reply to request). */
    public static Bytes create(Digest imprint, BigInteger nonce, boolean certReq) {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.signum() < 0) {
            throw new IllegalArgumentException("nonce must be non-negative");
        }
        return encode(imprint, nonce, certReq);
    }

    /** A request without a nonce, as sigstore-js's JSON form sends by default. */
    public static Bytes create(Digest imprint, boolean certReq) {
        return encode(imprint, null, certReq);
    }

    private static Bytes encode(Digest imprint, BigInteger nonce, boolean certReq) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        try {
            return Bytes.of(generator.generate(oid(imprint), imprint.value().toArray(), nonce).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode timestamp request", e);
        }
    }

    static ASN1ObjectIdentifier oid(Digest imprint) {
        return switch (imprint.algorithm()) {
            case SHA2_256 -> NISTObjectIdentifiers.id_sha256;
            case SHA2_384 -> NISTObjectIdentifiers.id_sha384;
            case SHA2_512 -> NISTObjectIdentifiers.id_sha512;
        };
    }
}
