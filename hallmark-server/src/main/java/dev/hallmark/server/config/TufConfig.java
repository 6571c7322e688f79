package dev.hallmark.server.config;

import java.time.Duration;

/**
 * How long each TUF role's metadata stays valid, the non-URL keys of the {@code tuf} section of {@code hallmark.yaml}
 * (sigstore.md §7.3). The server re-signs a role once less than half its period is left, so a client never sees
 * metadata about to expire while the server runs.
 *
 * @param timestampExpiryHours timestamp.json validity (public good: 7 days; short limits a freeze attack)
 * @param snapshotExpiryDays snapshot validity
 * @param targetsExpiryDays targets validity
 * @param rootExpiryDays root validity; the server extends it with a new root version signed by the same keys
 */
public record TufConfig(int timestampExpiryHours, int snapshotExpiryDays, int targetsExpiryDays, int rootExpiryDays) {
    public static final TufConfig DEFAULT = new TufConfig(24, 7, 365, 365);

    public Duration timestampExpiry() {
        return Duration.ofHours(timestampExpiryHours);
    }

    public Duration snapshotExpiry() {
        return Duration.ofDays(snapshotExpiryDays);
    }

    public Duration targetsExpiry() {
        return Duration.ofDays(targetsExpiryDays);
    }

    public Duration rootExpiry() {
        return Duration.ofDays(rootExpiryDays);
    }
}
