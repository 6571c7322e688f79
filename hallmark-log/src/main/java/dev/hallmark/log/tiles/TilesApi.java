package dev.hallmark.log.tiles;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.TilePath;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.api.LogApiResponse;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The C2SP tlog-tiles read API (sigstore.md §4.2) over a log reader: {@code checkpoint}, {@code tile/<L>/<N>[.p/<W>]}
 * and {@code tile/entries/<N>[.p/<W>]}, relative to the log's prefix (rekor-tiles serves them under
 * {@code <shard>/api/v2/}). Only canonical paths are served; anything else is 404.
 *
 * <p>Caching follows what the resources are: the checkpoint changes with every publication, so clients must
 * revalidate; a full tile never changes (tlog-tiles: immutable); a partial tile is also fixed once written but is
 * superseded as the tree grows and a log may drop it, so it is cached briefly.
 */
public final class TilesApi {
    public static final String CHECKPOINT_CACHE = "no-cache";
    public static final String FULL_TILE_CACHE = "public, max-age=31536000, immutable";
    public static final String PARTIAL_TILE_CACHE = "public, max-age=60";

    private final LogReader reader;

    public TilesApi(LogReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** Serves {@code path} (no leading slash): {@code checkpoint} or a tile path. */
    public LogApiResponse get(String path) {
        if ("checkpoint".equals(path)) {
            return checkpoint();
        }
        return tile(path);
    }

    /** The latest published checkpoint as a signed note, with any witness cosignatures. */
    public LogApiResponse checkpoint() {
        try {
            PublishedCheckpoint checkpoint = reader.latestCheckpoint();
            return LogApiResponse.text(200, LogApiResponse.TEXT, checkpoint.text(), Map.of("Cache-Control", CHECKPOINT_CACHE));
        } catch (LogStorageException e) {
            return unavailable();
        }
    }

    /** A hash tile or entry bundle; 404 for a malformed path or a tile the published tree does not have. */
    public LogApiResponse tile(String path) {
        TilePath tile;
        try {
            tile = TilePath.parse(path);
        } catch (FormatException e) {
            return notFound();
        }
        try {
            Optional<Bytes> content = reader.tile(tile.path());
            if (content.isEmpty()) {
                return notFound();
            }
            String cache = tile.tile().isFull() ? FULL_TILE_CACHE : PARTIAL_TILE_CACHE;
            return new LogApiResponse(200, LogApiResponse.OCTETS, Map.of("Cache-Control", cache), content.get());
        } catch (LogStorageException e) {
            return unavailable();
        }
    }

    private static LogApiResponse notFound() {
        return LogApiResponse.text(404, LogApiResponse.TEXT, "not found\n", Map.of("Cache-Control", "no-cache"));
    }

    private static LogApiResponse unavailable() {
        return LogApiResponse.text(503, LogApiResponse.TEXT, "the log is unavailable\n", Map.of("Retry-After", "1"));
    }
}
