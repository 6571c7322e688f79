package dev.hallmark.core.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementTest {
    static final String PLAYWRIGHT_SHA512 = "f64d7565f0f001f3150c322e1155b55afb3c4a80cd5c863574d43ef42f7f492f"
            + "199849647317acbb97a82fbbcd6bdea7b626d419aab54ccdaa428aaf765fc8f6";

    /** The decoded DSSE payload of a bundle vector. */
    static Bytes payload(String vector) throws FormatException {
        JsonNode bundle = Json.parse(Vectors.bytes(vector), 1 << 22);
        return Bytes.fromBase64(bundle.get("dsseEnvelope").get("payload").textValue());
    }

    static Statement provenance() throws FormatException {
        return Statement.parse(payload("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json"));
    }

    @Test
    void parsesRealNpm11Provenance() throws FormatException {
        Statement s = provenance();
        assertThat(s.type()).isEqualTo(Statement.TYPE_V1);
        assertThat(s.predicateType()).isEqualTo(Predicate.SLSA_PROVENANCE_V1);
        assertThat(s.subjects()).singleElement().satisfies(subject -> {
            assertThat(subject.name()).isEqualTo("pkg:npm/%40playwright/cli@0.1.1");
            assertThat(subject.digest().values()).containsOnlyKeys("sha512");
        });
    }

    @Test
    void matchesTheTarballDigestCaseInsensitively() throws FormatException {
        Statement s = provenance();
        Digest sha512 = new Digest(HashAlgorithm.SHA2_512, Bytes.fromHex(PLAYWRIGHT_SHA512));
        assertThat(s.hasSubjectDigest(sha512)).isTrue();
        assertThat(s.subjects().get(0).digest().get(HashAlgorithm.SHA2_512)).contains(sha512);
        Statement upper = Statement.parse(Bytes.utf8(new String(payloadBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace(PLAYWRIGHT_SHA512, PLAYWRIGHT_SHA512.toUpperCase())));
        assertThat(upper.hasSubjectDigest(sha512)).isTrue();
        byte[] other = Bytes.fromHex(PLAYWRIGHT_SHA512).toArray();
        other[0] ^= 1;
        assertThat(s.hasSubjectDigest(new Digest(HashAlgorithm.SHA2_512, Bytes.of(other)))).isFalse();
        // npm subjects carry no sha256: a sha256 of the same tarball must not match anything.
        assertThat(s.hasSubjectDigest(Digest.sha256(new byte[0]))).isFalse();
    }

    private static byte[] payloadBytes() throws FormatException {
        return payload("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json").toArray();
    }

    @Test
    void toJsonReproducesNpmsBytes() throws FormatException {
        for (String vector : List.of("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json",
                "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json")) {
            Bytes original = payload(vector);
            assertThat(Bytes.of(Statement.parse(original).toJson())).as(vector).isEqualTo(original);
        }
    }

    @Test
    void parsesTheSigstoreGoV01Statement() throws FormatException {
        Statement s = Statement.parse(Bytes.of(Vectors.bytes("npm/sigstore-go/statement-provenance-sigstorejs1.3.0.json")));
        assertThat(s.type()).isEqualTo(Statement.TYPE_V01);
        assertThat(s.subjects().get(0).name()).isEqualTo("pkg:npm/sigstore@1.3.0");
        assertThat(s.predicateType()).isEqualTo(Predicate.SLSA_PROVENANCE_V02);
    }

    @Test
    void predicateIsCopiedSoTheRecordStaysImmutable() throws FormatException {
        Statement s = provenance();
        ((com.fasterxml.jackson.databind.node.ObjectNode) s.predicate()).put("x", 1);
        assertThat(s.predicate().has("x")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"_type\":\"https://in-toto.io/Statement/v2\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha256\":\"00\"}}],\"predicateType\":\"p\"}",
        "{\"subject\":[{\"name\":\"a\",\"digest\":{\"sha1\":\"00\"}}],\"predicateType\":\"p\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"p\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"p\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{}}],\"predicateType\":\"p\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha512\":\"00\"}}],\"predicateType\":\"p\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha256\":\"zz\"}}],\"predicateType\":\"p\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha1\":5}}],\"predicateType\":\"p\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha1\":\"00\"}}],\"predicateType\":\"p\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha1\":\"00\"}}]}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha1\":\"00\"}}],\"predicateType\":\"p\",\"predicate\":[]}",
        "[]",
        "not json",
    })
    void rejectsMalformedStatements(String json) {
        assertThatThrownBy(() -> Statement.parse(Bytes.utf8(json))).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsOversizedPayloads() {
        Bytes big = Bytes.of(new byte[Statement.MAX_BYTES + 1]);
        assertThatThrownBy(() -> Statement.parse(big)).isInstanceOf(FormatException.class);
    }

    @Test
    void buildsTheNpmPublishStatement() throws FormatException {
        Digest sha512 = new Digest(HashAlgorithm.SHA2_512, Bytes.fromHex(PLAYWRIGHT_SHA512));
        Statement built = new Statement(Statement.TYPE_V01,
                List.of(Subject.of(new PackageUrl("@playwright/cli", "0.1.1").toString(), sha512)),
                Predicate.NPM_PUBLISH_V01, new NpmPublishPredicate("@playwright/cli", "0.1.1", "https://registry.npmjs.org").toJson());
        assertThat(Bytes.of(built.toJson())).isEqualTo(payload("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json"));
    }
}
