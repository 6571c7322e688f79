package dev.hallmark.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Witnesses that cosign the log's checkpoints (C2SP tlog-witness). The policy file uses the Tessera / rekor-tiles
 * format ({@code witness <name> <vkey> <url>}, {@code quorum …}); witness URLs come only from it, never from a client.
 *
 * @param policyFile    empty: no witnesses; a relative path is inside the data directory
 * @param failOpen      publish checkpoints even when the quorum is not met (rekor-tiles' behaviour); default: withhold
 * @param timeoutMillis how long to wait for each witness per checkpoint
 */
public record WitnessConfig(Optional<String> policyFile, boolean failOpen, int timeoutMillis) {
    public static final WitnessConfig DEFAULT = new WitnessConfig(Optional.empty(), false, 5000);

    public WitnessConfig {
        Objects.requireNonNull(policyFile, "policyFile");
    }
}
