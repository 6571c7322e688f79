package dev.hallmark.core.trust.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.Vectors;
import dev.hallmark.core.trust.tuf.TufException.Reason;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sigstore's public-good repository (sigstore/root-signing, shared vectors) walked by our client: the whole root
 * chain v1→v16 (ECDSA keys as hex points, then PEM; keytype {@code ecdsa-sha2-nistp256}, then {@code ecdsa}), then
 * timestamp, snapshot and targets, then {@code trusted_root.json}, at a time the vectors were valid.
 */
class PublicGoodRepositoryTest {
    private static final String BASE = "tuf/public-good/";
    private static final Instant VALID = Instant.parse("2026-08-25T00:00:00Z");

    /** Serves the vectors under the names a client asks for (the copies drop version and hash prefixes). */
    private static final RepositoryReader VECTORS = (path, max) -> {
        String file;
        if (path.matches("[0-9]+\\.root\\.json")) {
            file = "metadata/root_history/" + path;
        } else if (path.matches("[0-9]+\\.(snapshot|targets)\\.json")) {
            file = "metadata/" + path.substring(path.indexOf('.') + 1);
        } else if (path.startsWith("targets/")) {
            file = "targets/" + path.substring("targets/".length()).replaceFirst("[0-9a-f]{64}\\.", "");
        } else {
            file = "metadata/" + path;
        }
        var p = Vectors.shared().resolve("vectors").resolve(BASE + file);
        return Files.exists(p) ? Optional.of(Vectors.bytes(BASE + file)) : Optional.empty();
    };

    @Test
    void walksTheRootChainAndFetchesTheTrustedRoot() throws Exception {
        TufClient client = TufClient.start(Vectors.bytes(BASE + "metadata/root_history/1.root.json"), () -> VALID);
        client.refresh(VECTORS);
        assertThat(client.root().version()).isEqualTo(16);
        assertThat(client.timestamp().orElseThrow().version()).isEqualTo(762);
        assertThat(client.snapshot().orElseThrow().version()).isEqualTo(165);
        assertThat(client.targets().orElseThrow().version()).isEqualTo(14);
        assertThat(client.fetchTarget("trusted_root.json", VECTORS).toArray())
                .isEqualTo(Vectors.bytes(BASE + "targets/trusted_root.json"));
        assertThat(client.fetchTarget("signing_config.v0.2.json", VECTORS).toArray())
                .isEqualTo(Vectors.bytes(BASE + "targets/signing_config.v0.2.json"));
    }

    @Test
    void afterTheTimestampExpiredTheRepositoryIsFrozen() throws Exception {
        TufClient client = TufClient.start(Vectors.bytes(BASE + "metadata/root_history/15.root.json"),
                () -> Instant.parse("2026-08-29T00:00:00Z"));
        assertThatThrownBy(() -> client.refresh(VECTORS))
                .isInstanceOfSatisfying(TufException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
        assertThat(client.root().version()).isEqualTo(16);
    }
}
