package dev.hallmark.registry.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One change to a package, applied by {@link RegistryStore#apply} in one transaction together with the bump of the
 * package's revision, so readers see all of it or none of it (a publish is tarball reference, version, tags and
 * maintainers at once).
 */
public sealed interface PackageChange {
    /**
     * Adds a version. When the package is new (or was unpublished as a whole), {@code firstMaintainer} becomes its only
     * maintainer; when {@code claimScope} is present and the scope has no members yet, the publisher becomes its first.
     *
     * @param distTags tags to point at the new version
     * @param attestations the version's attestations (provenance, publish), stored with it
     */
    record AddVersion(StoredVersion version, Map<String, String> distTags, String firstMaintainer,
                      Optional<String> claimScope, List<StoredAttestation> attestations) implements PackageChange {
        public AddVersion {
            attestations = List.copyOf(attestations);
            Objects.requireNonNull(version, "version");
            distTags = Map.copyOf(distTags);
            Objects.requireNonNull(firstMaintainer, "firstMaintainer");
            Objects.requireNonNull(claimScope, "claimScope");
        }
    }

    /** Points a tag at a version, or removes it when {@code version} is empty. */
    record SetDistTag(String tag, Optional<String> version) implements PackageChange {
        public SetDistTag {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(version, "version");
        }
    }

    /** Sets (a non-empty message) or clears (an empty one) the deprecation of versions. */
    record Deprecate(Map<String, String> messages) implements PackageChange {
        public Deprecate {
            messages = Map.copyOf(messages);
        }
    }

    /** Replaces the maintainer list; never empty. */
    record SetMaintainers(List<String> usernames) implements PackageChange {
        public SetMaintainers {
            usernames = List.copyOf(usernames);
            if (usernames.isEmpty()) {
                throw new IllegalArgumentException("a package keeps at least one maintainer");
            }
        }
    }

    /** Marks versions unpublished (their numbers stay taken) and replaces the tags with {@code distTags}. */
    record UnpublishVersions(Set<String> versions, Map<String, String> distTags) implements PackageChange {
        public UnpublishVersions {
            versions = Set.copyOf(versions);
            distTags = Map.copyOf(distTags);
        }
    }

    /** Marks the package and all its versions unpublished and drops its tags. */
    record UnpublishPackage() implements PackageChange {
    }
}
