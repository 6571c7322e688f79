package dev.hallmark.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningConfigCodecTest {
    private static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");

    @Test
    void selectsProductionServices() throws Exception {
        SigningConfig config = SigningConfigCodec.parse(Vectors.bytes("conformance/signing_config.production.v0.2.json"));
        assertThat(config.selectCa(NOW, List.of(1))).get().extracting(SigningConfig.Service::url).isEqualTo("https://fulcio.sigstore.dev");
        assertThat(config.selectTlogs(NOW, List.of(1))).extracting(SigningConfig.Service::url).containsExactly("https://rekor.sigstore.dev");
        assertThat(config.selectTsas(NOW, List.of(1))).extracting(SigningConfig.Service::url)
                .containsExactly("https://timestamp.sigstore.dev/api/v1/timestamp");
    }

    @Test
    void prefersRekorV2WhenTheClientSpeaksIt() throws Exception {
        SigningConfig config = SigningConfigCodec.parse(Vectors.bytes("conformance/signing_config.production-rekor-v2.v0.2.json"));
        List<SigningConfig.Service> v2 = config.selectTlogs(NOW, List.of(1, 2));
        assertThat(v2).isNotEmpty();
        assertThat(v2.get(0).majorApiVersion()).isEqualTo(2);
        assertThat(config.selectTlogs(NOW, List.of(1))).allSatisfy(s -> assertThat(s.majorApiVersion()).isEqualTo(1));
    }

    @Test
    void everySigningConfigRoundTrips() throws Exception {
        for (String f : List.of("conformance/signing_config.production.v0.2.json", "conformance/signing_config.production-rekor-v2.v0.2.json",
                "conformance/signing_config.staging.v0.2.json")) {
            SigningConfig config = SigningConfigCodec.parse(Vectors.bytes(f));
            assertThat(SigningConfigCodec.parse(SigningConfigCodec.write(config))).as(f).isEqualTo(config);
        }
    }

    @Test
    void exactSelectorNeedsEnoughServices() {
        SigningConfig.Service a = new SigningConfig.Service("https://a", 1, ValidityPeriod.from(Instant.EPOCH), java.util.Optional.of("a"));
        SigningConfig config = new SigningConfig(List.of(), List.of(), List.of(a), List.of(a),
                new SigningConfig.Selector(SigningConfig.Selector.Kind.EXACT, 2), SigningConfig.Selector.ALL);
        assertThat(config.selectTlogs(NOW, List.of(1))).isEmpty();
        assertThat(config.selectTsas(NOW, List.of(1))).containsExactly(a);
    }

    @Test
    void rejectsOtherMediaTypesAndServicesWithoutStart() {
        assertThatThrownBy(() -> SigningConfigCodec.parse("{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.1+json\"}".getBytes()))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SigningConfigCodec.parse(("{\"mediaType\":\"" + SigningConfig.MEDIA_TYPE_V0_2
                + "\",\"caUrls\":[{\"url\":\"https://x\",\"majorApiVersion\":1,\"validFor\":{}}]}").getBytes()))
                .isInstanceOf(FormatException.class);
    }
}
