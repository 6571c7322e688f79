package dev.hallmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.rekor.RekorV1Entries;
import dev.hallmark.core.rekor.RekorV2Entries;
import dev.hallmark.core.tsp.TimestampRequests;
import dev.hallmark.core.x509.Certificates;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

/** The three calls keyless signing makes: Fulcio v2 for a certificate, Rekor v1 or v2 for a log entry, a TSA. */
public final class SigstoreServices {
    private static final long MAX_CERTIFICATE_RESPONSE = 256 * 1024;
    private static final long MAX_LOG_RESPONSE = 4 * 1024 * 1024;
    private static final long MAX_TIMESTAMP_RESPONSE = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigstoreServices() {
    }

    /**
     * {@code POST <ca>/api/v2/signingCert} (sigstore.md §1.1): the public key, and as proof of possession a signature
     * over the token's challenge claim. Only a chain with an embedded SCT is accepted: verifiers require one.
     */
    static X509Certificate certificate(ServiceCall http, URI ca, IdentityToken token, Signer key) {
        ObjectNode request = Json.object();
        request.putObject("credentials").put("oidcIdentityToken", token.jwt());
        ObjectNode keyRequest = request.putObject("publicKeyRequest");
        keyRequest.putObject("publicKey").put("algorithm", "ECDSA").put("content", Keys.toPem(key.publicKey()));
        keyRequest.put("proofOfPossession", key.sign(token.challenge().getBytes(StandardCharsets.UTF_8)).base64());
        byte[] body = ServiceCall.expectOk(http.post(ServiceCall.resolve(ca, "/api/v2/signingCert"),
                "application/json", Json.write(request), MAX_CERTIFICATE_RESPONSE, "the CA"), "the CA");
        try {
            JsonNode response = Json.parseObject(body, (int) MAX_CERTIFICATE_RESPONSE);
            if (!response.has("signedCertificateEmbeddedSct")) {
                throw CliException.failed("the CA answered without an embedded SCT, which verifiers require");
            }
            JsonNode certificates = Json.requireArray(Json.requireObject(
                    Json.requireObject(response, "signedCertificateEmbeddedSct"), "chain"), "certificates");
            if (certificates.isEmpty() || !certificates.get(0).isTextual()) {
                throw CliException.failed("the CA answered an empty certificate chain");
            }
            List<X509Certificate> leaf = Certificates.parsePemChain(certificates.get(0).textValue());
            if (leaf.size() != 1 || !leaf.get(0).getPublicKey().equals(key.publicKey())) {
                throw CliException.failed("the CA's certificate is not for the key it was asked to certify");
            }
            return leaf.get(0);
        } catch (FormatException e) {
            throw CliException.failed("the CA answered something that is not a certificate chain: " + e.getMessage());
        }
    }

    /** {@code POST <log>/api/v1/log/entries} with a proposed entry; 201 answers the LogEntry (sigstore.md §3.1). */
    static TlogEntry rekorV1(ServiceCall http, URI log, Bytes proposedEntry) {
        byte[] body = ServiceCall.expectOk(http.post(ServiceCall.resolve(log, "/api/v1/log/entries"),
                "application/json", proposedEntry.toArray(), MAX_LOG_RESPONSE, "the transparency log"), "the transparency log");
        try {
            return RekorV1Entries.parseResponse(body);
        } catch (FormatException e) {
            throw CliException.failed("the transparency log answered something that is not a log entry: " + e.getMessage());
        }
    }

    /** {@code POST <log>/api/v2/log/entries}; 201 answers a ready-to-embed TransparencyLogEntry (sigstore.md §4.1). */
    static TlogEntry rekorV2(ServiceCall http, URI log, Bytes request) {
        byte[] body = ServiceCall.expectOk(http.post(ServiceCall.resolve(log, "/api/v2/log/entries"),
                "application/json", request.toArray(), MAX_LOG_RESPONSE, "the transparency log"), "the transparency log");
        try {
            return RekorV2Entries.parseResponse(body);
        } catch (FormatException e) {
            throw CliException.failed("the transparency log answered something that is not a log entry: " + e.getMessage());
        }
    }

    /**
     * RFC 3161 over the signature bytes (sigstore.md §5: the imprint hashes the signature, not the artifact). No
     * certificates are requested, as sigstore-js does: verifiers take the TSA chain from the trusted root, and
     * sigstore-java 2.0.0 refuses a token whose embedded chain it cannot match to it. The token is checked by the
     * self-check of the whole bundle, not here.
     */
    static Bytes timestamp(ServiceCall http, URI tsa, Bytes signature) {
        Bytes request = TimestampRequests.create(Digest.sha256(signature.toArray()), new BigInteger(63, RANDOM), false);
        return Bytes.of(ServiceCall.expectOk(http.post(tsa, "application/timestamp-query", request.toArray(),
                MAX_TIMESTAMP_RESPONSE, "the timestamp authority"), "the timestamp authority"));
    }
}
