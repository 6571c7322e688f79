package dev.hallmark.ca.tsa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.Json;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampReq;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/**
 * The two request forms of {@code POST /api/v1/timestamp} (sigstore.md §5): DER {@code TimeStampReq} (RFC 3161
 * §2.4.1) and sigstore/timestamp-authority's JSON {@code {artifactHash, hashAlgorithm, certificates, nonce,
 * tsaPolicyOID}}, both read into BouncyCastle's request with the imprint checked against its hash length.
 */
final class TimestampRequestCodec {
    private TimestampRequestCodec() {
    }

    static TimeStampRequest parseDer(Bytes body) throws FormatException {
        TimeStampRequest request;
        try {
            request = new TimeStampRequest(TimeStampReq.getInstance(ASN1Primitive.fromByteArray(body.toArray())));
        } catch (java.io.IOException | RuntimeException e) {
            throw new FormatException("malformed TimeStampReq");
        }
        if (request.getVersion() != 1) {
            throw new FormatException("unsupported TimeStampReq version");
        }
        if (request.hasExtensions()) {
            throw new FormatException("TimeStampReq extensions are not supported"); // RFC 3161 §2.4.1: unknown → reject
        }
        hashOf(request.getMessageImprintAlgOID(), request.getMessageImprintDigest().length);
        return request;
    }

    static TimeStampRequest parseJson(Bytes body, int maxBytes) throws FormatException {
        ObjectNode json = Json.parseObject(body.toArray(), maxBytes);
        HashAlgorithm hash = HashAlgorithm.parse(Json.optionalText(json, "hashAlgorithm").orElse("sha256"));
        Bytes digest = Json.requireBase64(json, "artifactHash");
        if (digest.length() != hash.length()) {
            throw new FormatException("artifactHash is not a " + hash.shortName() + " digest");
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        JsonNode certificates = json.get("certificates");
        if (certificates != null && !certificates.isNull()) {
            if (!certificates.isBoolean()) {
                throw new FormatException("certificates must be a boolean");
            }
            generator.setCertReq(certificates.booleanValue());
        }
        Optional<String> policy = Json.optionalText(json, "tsaPolicyOID").filter(p -> !p.isEmpty());
        if (policy.isPresent()) {
            generator.setReqPolicy(policyOid(policy.get()));
        }
        return generator.generate(oid(hash), digest.toArray(), nonce(json.get("nonce")).orElse(null));
    }

    private static Optional<BigInteger> nonce(JsonNode node) throws FormatException {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || node.bigIntegerValue().signum() < 0 || node.bigIntegerValue().bitLength() > 160) {
            throw new FormatException("nonce must be a non-negative integer of at most 160 bits");
        }
        return Optional.of(node.bigIntegerValue());
    }

    private static ASN1ObjectIdentifier policyOid(String text) throws FormatException {
        try {
            return new ASN1ObjectIdentifier(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException("tsaPolicyOID is not an OID");
        }
    }

    static HashAlgorithm hashOf(ASN1ObjectIdentifier oid, int length) throws FormatException {
        for (HashAlgorithm hash : HashAlgorithm.values()) {
            if (oid(hash).equals(oid)) {
                if (length != hash.length()) {
                    throw new FormatException("message imprint is not a " + hash.shortName() + " digest");
                }
                return hash;
            }
        }
        throw new FormatException("unsupported message imprint algorithm " + oid);
    }

    static ASN1ObjectIdentifier oid(HashAlgorithm hash) {
        return switch (hash) {
            case SHA2_256 -> NISTObjectIdentifiers.id_sha256;
            case SHA2_384 -> NISTObjectIdentifiers.id_sha384;
            case SHA2_512 -> NISTObjectIdentifiers.id_sha512;
        };
    }
}
