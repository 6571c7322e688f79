package dev.hallmark.registry.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A package with everything its packument is made of, read in one transaction so the parts agree.
 *
 * @param rev bumped by every change; the packument's {@code _rev} and ETag come from it
 * @param versions every version ever published, live or unpublished, in publish order
 * @param maintainers user names with their e-mail addresses, in name order
 */
public record StoredPackage(
        String name,
        long rev,
        Instant createdAt,
        Instant modifiedAt,
        Optional<Instant> unpublishedAt,
        List<StoredVersion> versions,
        Map<String, String> distTags,
        List<StoredUser> maintainers) {
    public StoredPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(unpublishedAt, "unpublishedAt");
        versions = List.copyOf(versions);
        distTags = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(distTags));
        maintainers = List.copyOf(maintainers);
    }

    public List<StoredVersion> liveVersions() {
        return versions.stream().filter(StoredVersion::live).toList();
    }

    public Optional<StoredVersion> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    public boolean isMaintainer(String username) {
        return maintainers.stream().anyMatch(m -> m.username().equals(username));
    }
}
