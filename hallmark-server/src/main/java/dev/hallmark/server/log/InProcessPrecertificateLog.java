package dev.hallmark.server.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.fulcio.CtSubmissionException;
import dev.hallmark.ca.fulcio.PrecertificateLog;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.SctEncoding;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.ct.CtLogApi;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The CA's CT log in the same process: {@code add-pre-chain} through the CT API itself (same validation, same
 * durability) without an HTTP round trip. hallmark-ca and hallmark-log do not know each other; the server joins them.
 */
final class InProcessPrecertificateLog implements PrecertificateLog {
    private final CtLogApi api;
    private final PublicKey key;

    InProcessPrecertificateLog(CtLogApi api, PublicKey key) {
        this.api = Objects.requireNonNull(api, "api");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public SignedCertificateTimestamp submit(List<X509Certificate> chain) throws CtSubmissionException {
        ObjectNode request = Json.object();
        ArrayNode certificates = request.putArray("chain");
        chain.forEach(c -> certificates.add(Certificates.der(c).base64()));
        LogApiResponse response = api.addPreChain(Bytes.of(Json.write(request)));
        if (response.status() != 200) {
            throw new CtSubmissionException("CT log answered " + response.status() + ": " + response.bodyText());
        }
        try {
            JsonNode sct = Json.parseObject(response.body().toArray(), 64 * 1024);
            return SctEncoding.fromResponse(sct.path("sct_version").asInt(-1), Json.requireBase64(sct, "id"),
                    Json.requireInt64String(sct, "timestamp"), Json.optionalBase64(sct, "extensions").orElse(Bytes.EMPTY),
                    Json.requireBase64(sct, "signature"));
        } catch (FormatException e) {
            throw new CtSubmissionException("CT log answered a malformed SCT", e);
        }
    }

    @Override
    public PublicKey publicKey() {
        return key;
    }
}
