package dev.hallmark.registry.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One published version as stored: the version document the publisher sent (without {@code dist}, which the registry
 * owns) and the facts about its tarball. An unpublished version keeps its row so its number is never reused.
 *
 * @param manifest the version document as JSON text
 * @param tarballFile the tarball's file name in its URL, {@code name-1.0.0.tgz}
 * @param blobKey where the tarball bytes are in the blob store
 * @param deprecated the deprecation message; empty when not deprecated
 * @param signatures the registry's {@code dist.signatures}, made at publish
 * @param provenanceType the predicate type of the version's verified provenance, when it was published with one
 */
public record StoredVersion(
        String name,
        String version,
        String manifest,
        String integrity,
        String shasum,
        String tarballFile,
        String blobKey,
        long fileCount,
        long unpackedSize,
        Instant publishedAt,
        String publisher,
        Optional<String> deprecated,
        Optional<Instant> unpublishedAt,
        List<DistSignature> signatures,
        Optional<String> provenanceType) {
    public StoredVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(shasum, "shasum");
        Objects.requireNonNull(tarballFile, "tarballFile");
        Objects.requireNonNull(blobKey, "blobKey");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(deprecated, "deprecated");
        Objects.requireNonNull(unpublishedAt, "unpublishedAt");
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(provenanceType, "provenanceType");
        if (fileCount < 0 || unpackedSize < 0) {
            throw new IllegalArgumentException("negative file count or size");
        }
    }

    /** The version document as JSON, a fresh copy each call; the registry stored it as JSON, so a failure is a bug. */
    public ObjectNode manifestDocument() {
        try {
            return Json.parseObject(manifest.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
        } catch (FormatException e) {
            throw new IllegalStateException("stored manifest of " + name + "@" + version + " is not JSON", e);
        }
    }

    public boolean live() {
        return unpublishedAt.isEmpty();
    }
}
