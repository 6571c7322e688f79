package dev.hallmark.core.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {
    static Envelope bundleEnvelope(String vector) throws FormatException {
        JsonNode bundle = Json.parse(Vectors.bytes(vector), 1 << 22);
        return Envelope.fromJson(bundle.get("dsseEnvelope"));
    }

    @Test
    void readsTheEnvelopeOfARealNpmProvenanceBundle() throws FormatException {
        Envelope envelope = bundleEnvelope("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json");
        assertThat(envelope.payloadType()).isEqualTo("application/vnd.in-toto+json");
        assertThat(new String(envelope.payload().toArray(), StandardCharsets.UTF_8)).startsWith("{\"_type\":\"https://in-toto.io/Statement/v1\"");
        assertThat(envelope.signatures()).hasSize(1);
        assertThat(envelope.signatures().get(0).keyid()).isEmpty();
        assertThat(envelope.signatures().get(0).sig().base64()).startsWith("MEYCIQDy8ypC");
    }

    @Test
    void keyidIsKeptWhenPresent() throws FormatException {
        Envelope envelope = bundleEnvelope("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json");
        assertThat(envelope.signatures().get(0).keyid()).isEqualTo("SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U");
    }

    @Test
    void toJsonUsesNpmMemberOrderAndOmitsAnEmptyKeyid() {
        Envelope envelope = new Envelope("application/vnd.in-toto+json", Bytes.utf8("{}"),
                List.of(new EnvelopeSignature("", Bytes.of(new byte[] {1, 2, 3}))));
        assertThat(envelope.toJson())
                .isEqualTo("{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"AQID\"}]}");
        assertThat(envelope.toJson(true)).isEqualTo(
                "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"AQID\",\"keyid\":\"\"}]}");
        Envelope keyed = new Envelope("t\"\n", Bytes.EMPTY, List.of(new EnvelopeSignature("k/1", Bytes.of(new byte[] {9}))));
        assertThat(keyed.toJson()).isEqualTo("{\"payload\":\"\",\"payloadType\":\"t\\\"\\n\",\"signatures\":[{\"sig\":\"CQ==\",\"keyid\":\"k/1\"}]}");
    }

    @Test
    void roundTripsThroughJson() throws FormatException {
        Envelope envelope = bundleEnvelope("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json");
        assertThat(Envelope.parse(envelope.toJson().getBytes(StandardCharsets.UTF_8))).isEqualTo(envelope);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQ==\"}]}",                      // no payload
        "{\"payload\":\"AQ==\",\"signatures\":[{\"sig\":\"AQ==\"}]}",                       // no payloadType
        "{\"payload\":\"AQ==\",\"payloadType\":\"\",\"signatures\":[{\"sig\":\"AQ==\"}]}",  // empty payloadType
        "{\"payload\":\"AQ==\",\"payloadType\":\"t\",\"signatures\":[]}",                   // no signature
        "{\"payload\":\"AQ==\",\"payloadType\":\"t\"}",
        "{\"payload\":\"AQ==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"\"}]}",     // empty signature
        "{\"payload\":\"AQ==\",\"payloadType\":\"t\",\"signatures\":[{\"keyid\":\"k\"}]}",
        "{\"payload\":\"*\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQ==\"}]}",     // bad base64
        "{\"payload\":\"AQ==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQ==\",\"keyid\":5}]}",
        "{\"payload\":\"AQ==\",\"payload\":\"AQ==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQ==\"}]}",
        "[1]",
    })
    void rejectsMalformedEnvelopes(String json) {
        assertThatThrownBy(() -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(FormatException.class);
    }
}
