package dev.hallmark.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TrustedRootCodecTest {

    @Test
    void readsThePublicGoodRootWithEveryHistoricalKey() throws Exception {
        TrustedRoot root = TrustedRootCodec.parse(Vectors.bytes("conformance/trusted_root.production.json"));
        assertThat(root.tlogs()).hasSize(2);
        assertThat(root.certificateAuthorities()).hasSize(2);
        assertThat(root.ctlogs()).hasSize(2);
        assertThat(root.timestampAuthorities()).hasSize(1);
        TransparencyLog rekor = root.tlogs().get(0);
        assertThat(rekor.baseUrl()).isEqualTo("https://rekor.sigstore.dev");
        assertThat(rekor.host()).isEqualTo("rekor.sigstore.dev");
        assertThat(rekor.logId().base64()).isEqualTo("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=");
        // The v1 log ID is SHA-256 of the key's SPKI (sigstore.md §3.1).
        assertThat(dev.hallmark.core.crypto.Digest.sha256(rekor.publicKey().rawBytes().toArray()).value()).isEqualTo(rekor.logId());
        assertThat(root.tlogsWithId(Bytes.fromBase64("zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A="))).hasSize(1);
        CertificateAuthorityInfo oldCa = root.certificateAuthorities().get(0);
        assertThat(oldCa.validFor().end()).contains(Instant.parse("2022-12-31T23:59:59.999Z"));
        assertThat(oldCa.validFor().contains(Instant.parse("2022-12-31T23:59:59.999Z"))).isTrue();
        assertThat(oldCa.validFor().contains(Instant.parse("2023-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void everyTrustedRootInTheVectorsParsesExceptTheInvalidOne() throws IOException {
        List<Path> roots;
        try (Stream<Path> files = Files.walk(Vectors.shared().resolve("vectors"))) {
            roots = files.filter(p -> p.getFileName().toString().matches("trusted_root.*\\.json|trusted-root.*\\.json")).toList();
        }
        assertThat(roots).hasSizeGreaterThan(30);
        for (Path p : roots) {
            boolean invalid = p.toString().contains("missing-validity-start");
            try {
                TrustedRootCodec.parse(Files.readAllBytes(p));
                assertThat(invalid).as("%s should be rejected", p).isFalse();
            } catch (FormatException e) {
                assertThat(invalid).as("%s: %s", p, e.getMessage()).isTrue();
            }
        }
    }

    @Test
    void roundTripsThroughWrite() throws Exception {
        TrustedRoot root = TrustedRootCodec.parse(Vectors.bytes("conformance/bundle-verify/rekor2-happy-path/trusted_root.json"));
        TrustedRoot again = TrustedRootCodec.parse(TrustedRootCodec.write(root));
        assertThat(again).isEqualTo(root);
    }

    @Test
    void missingValidityStartMakesTheRootInvalid() {
        byte[] json = Vectors.text("conformance/trusted_root.production.json")
                .replace("\"start\": \"2021-01-12T11:53:27Z\"", "\"startx\": \"2021-01-12T11:53:27Z\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrustedRootCodec.parse(json)).isInstanceOf(FormatException.class).hasMessageContaining("validFor.start");
    }

    @Test
    void rejectsUnknownMediaTypeAndMalformedJson() {
        assertThatThrownBy(() -> TrustedRootCodec.parse("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot.v9+json\"}".getBytes()))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> TrustedRootCodec.parse("{\"mediaType\":".getBytes())).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> TrustedRootCodec.parse("[]".getBytes())).isInstanceOf(FormatException.class);
    }
}
