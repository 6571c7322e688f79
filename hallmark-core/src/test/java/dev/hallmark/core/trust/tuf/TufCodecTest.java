package dev.hallmark.core.trust.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TufCodecTest {
    private static final String META = "tuf/public-good/metadata/";
    private static final int MAX = 1 << 20;

    @Test
    void readsThePublicGoodMetadata() throws Exception {
        Root root = TufCodec.parse(Vectors.bytes(META + "root_history/16.root.json"), Root.class, MAX).signed();
        assertThat(root.version()).isEqualTo(16);
        assertThat(root.consistentSnapshot()).isTrue();
        assertThat(root.expires()).isEqualTo(Instant.parse("2027-04-22T19:27:31Z"));
        assertThat(root.role(RoleType.ROOT).threshold()).isEqualTo(3);
        Timestamp timestamp = TufCodec.parse(Vectors.bytes(META + "timestamp.json"), Timestamp.class, MAX).signed();
        assertThat(timestamp.snapshot().version()).isEqualTo(165);
        Snapshot snapshot = TufCodec.parse(Vectors.bytes(META + "snapshot.json"), Snapshot.class, MAX).signed();
        assertThat(snapshot.meta().get("targets.json").version()).isEqualTo(14);
        Targets targets = TufCodec.parse(Vectors.bytes(META + "targets.json"), Targets.class, MAX).signed();
        assertThat(targets.targets().get("trusted_root.json").length()).isEqualTo(6787);
        // v1 (2021) still has fractional seconds and an offset in expires
        Root first = TufCodec.parse(Vectors.bytes(META + "root_history/1.root.json"), Root.class, MAX).signed();
        assertThat(first.expires()).isEqualTo(Instant.parse("2021-12-18T19:28:12.990080Z"));
    }

    @Test
    void keyIdsAreTheHashOfTheCanonicalKeyObject() throws Exception {
        Root root = TufCodec.parse(Vectors.bytes(META + "root_history/16.root.json"), Root.class, MAX).signed();
        String id = "183e64f3" + root.keys().keySet().stream().filter(k -> k.startsWith("183e64f3")).findFirst().orElseThrow().substring(8);
        TufKey key = root.keys().get(id);
        assertThat(key.extension("x-tuf-on-ci-keyowner")).isPresent();
        assertThat(key.keyId()).isEqualTo(id);
        assertThat(key.supportedScheme()).contains(TufKey.Scheme.ECDSA_P256);
    }

    @Test
    void ourMetadataRoundTrips() throws Exception {
        Signer ed = Signer.generate(SignatureAlgorithm.ED25519);
        TufKey key = TufKey.of(ed.publicKey(), Map.of(TufKey.KEY_NAME_EXTENSION, "tuf-root-1"));
        assertThat(key.keyType()).isEqualTo("ed25519");
        assertThat(key.publicValue()).matches("[0-9a-f]{64}");
        assertThat(key.publicKey()).isEqualTo(ed.publicKey());
        Root root = new Root(Role.SPEC_VERSION, 3, Instant.parse("2031-02-03T04:05:06Z"), true, Map.of(key.keyId(), key),
                Map.of(RoleType.ROOT, new RoleKeys(List.of(key.keyId()), 1),
                        RoleType.TARGETS, new RoleKeys(List.of(key.keyId()), 1),
                        RoleType.SNAPSHOT, new RoleKeys(List.of(key.keyId()), 1),
                        RoleType.TIMESTAMP, new RoleKeys(List.of(key.keyId()), 1)));
        Metadata<Root> signed = MetadataSigner.sign(root, List.of(new MetadataSigner.RoleSigner(ed, key)));
        Metadata<Root> back = TufCodec.parse(TufCodec.write(signed), Root.class, MAX);
        assertThat(back).isEqualTo(signed);
        assertThat(new String(TufCodec.write(signed), StandardCharsets.UTF_8)).contains("\"expires\" : \"2031-02-03T04:05:06Z\"");
    }

    @Test
    void metadataWithFieldsTheRecordDropsIsNotRewritten() throws Exception {
        Metadata<Targets> targets = TufCodec.parse(Vectors.bytes(META + "targets.json"), Targets.class, MAX);
        assertThatThrownBy(() -> TufCodec.write(targets)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"2.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1}}}}",
        "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":0,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1}}}}",
        "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1.5,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1}}}}",
        "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1},\"targets.json\":{\"version\":1}}}}",
        "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"soon\",\"meta\":{\"snapshot.json\":{\"version\":1}}}}",
        "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1,\"length\":-1}}}}",
        "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"version\":2,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1}}}}",
        "{\"signatures\":[{\"keyid\":\"a\",\"sig\":\"zz\"}],\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{\"snapshot.json\":{\"version\":1}}}}",
        "{\"signatures\":[],\"signed\":{\"_type\":\"snapshot\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{}}}",
    })
    void malformedTimestampsAreFormatErrors(String json) {
        assertThatThrownBy(() -> TufCodec.parse(json.getBytes(StandardCharsets.UTF_8), Timestamp.class, MAX))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void rootsNamingUnknownKeysOrZeroThresholdsAreFormatErrors() {
        String role = "{\"keyids\":[\"k\"],\"threshold\":1}";
        String key = "{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"00\"}}";
        String template = "{\"signatures\":[],\"signed\":{\"_type\":\"root\",\"spec_version\":\"1.0\",\"version\":1,"
                + "\"expires\":\"2030-01-01T00:00:00Z\",\"consistent_snapshot\":true,\"keys\":KEYS,"
                + "\"roles\":{\"root\":ROLE,\"targets\":ROLE,\"snapshot\":ROLE,\"timestamp\":ROLE}}}";
        String ok = template.replace("KEYS", "{\"k\":" + key + "}").replace("ROLE", role);
        assertThat(catchFormat(ok)).isNull();
        assertThat(catchFormat(template.replace("KEYS", "{}").replace("ROLE", role))).isNotNull();
        assertThat(catchFormat(ok.replace("\"threshold\":1", "\"threshold\":0"))).isNotNull();
        assertThat(catchFormat(ok.replace("\"keyids\":[\"k\"]", "\"keyids\":[\"k\",\"k\"]"))).isNotNull();
        assertThat(catchFormat(ok.replace(",\"timestamp\":" + role, ""))).isNotNull();
    }

    private static FormatException catchFormat(String json) {
        try {
            TufCodec.parse(json.getBytes(StandardCharsets.UTF_8), Root.class, MAX);
            return null;
        } catch (FormatException e) {
            return e;
        }
    }

    @Test
    void unsupportedOrMalformedKeysDoNotVerify() {
        TufKey rsa = new TufKey("rsa", "rsassa-pss-sha256", "-----BEGIN PUBLIC KEY-----", Map.of());
        assertThat(rsa.supportedScheme()).isEmpty();
        assertThatThrownBy(rsa::verifier).isInstanceOf(FormatException.class);
        TufKey mixed = new TufKey("ed25519", "ecdsa-sha2-nistp256", "00", Map.of());
        assertThat(mixed.supportedScheme()).isEmpty();
        TufKey shortKey = new TufKey("ed25519", "ed25519", "00", Map.of());
        assertThatThrownBy(shortKey::publicKey).isInstanceOf(FormatException.class);
        TufKey ecAsEd = new TufKey("ecdsa", "ecdsa-sha2-nistp256",
                dev.hallmark.core.crypto.Keys.toPem(Signer.generate(SignatureAlgorithm.ED25519).publicKey()), Map.of());
        assertThatThrownBy(ecAsEd::publicKey).isInstanceOf(FormatException.class);
    }
}
