package dev.hallmark.cli.pack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of packing a directory as {@code npm pack} does: the uncompressed tar (gzip it with {@code
 * NodeGzip.gzip} for the bytes npm would upload), the package.json it was built from, and its entries in tar order.
 */
public record PackedTarball(Bytes tar, PackageManifest manifest, List<PackedFile> entries) {
    public PackedTarball {
        Objects.requireNonNull(tar, "tar");
        Objects.requireNonNull(manifest, "manifest");
        entries = List.copyOf(entries);
    }

    /** The parsed package.json (a copy). */
    public ObjectNode packageJson() {
        return manifest.json();
    }

    /** The entries in npm's listing order (capitalised and punctuation-led paths first, then natural order). */
    public List<PackedFile> listing() {
        List<PackedFile> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> NpmCollation.LISTING.compare(a.path(), b.path()));
        return List.copyOf(sorted);
    }

    /** The sum of the entries' sizes, npm's "unpacked size". */
    public long unpackedSize() {
        return entries.stream().mapToLong(PackedFile::size).sum();
    }
}
