package dev.hallmark.core.merkle;

import dev.hallmark.core.FormatException;
import java.util.Objects;

/**
 * A resource path of a C2SP tlog-tiles log (sigstore.md §4.2): a hash tile {@code tile/<L>/<N>[.p/<W>]} or an entry
 * bundle {@code tile/entries/<N>[.p/<W>]}. {@code <N>} is written in zero-padded 3-digit groups, all but the last
 * prefixed with {@code x} (1234067 → {@code x001/x234/067}); {@code <L>} and {@code <W>} are decimal without leading
 * zeros. Parsing accepts only the canonical form, so {@code parse(p).path().equals(p)} for every accepted path.
 */
public record TilePath(Kind kind, TileCoordinates tile) {
    /** Which resource a path names. */
    public enum Kind {
        HASHES,
        /** An entry bundle; its coordinates are those of the level-0 hash tile it matches. */
        ENTRIES
    }

    private static final int MAX_PATH = 128;

    public TilePath {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tile, "tile");
        if (kind == Kind.ENTRIES && tile.level() != 0) {
            throw new IllegalArgumentException("entry bundles only exist at level 0");
        }
    }

    public String path() {
        return kind == Kind.HASHES ? tilePath(tile.level(), tile.index(), tile.width())
                : entriesPath(tile.index(), tile.width());
    }

    /** {@code tile/<L>/<N>[.p/<W>]}; {@code width} is 1..255 for a partial tile, 256 for a full one. */
    public static String tilePath(int level, long index, int width) {
        new TileCoordinates(level, index, width); // validates
        return "tile/" + level + "/" + encodeIndex(index) + partialSuffix(width);
    }

    /** {@code tile/entries/<N>[.p/<W>]}; {@code width} is 1..255 for a partial bundle, 256 for a full one. */
    public static String entriesPath(long index, int width) {
        new TileCoordinates(0, index, width); // validates
        return "tile/entries/" + encodeIndex(index) + partialSuffix(width);
    }

    private static String partialSuffix(int width) {
        return width == TileCoordinates.FULL_WIDTH ? "" : ".p/" + width;
    }

    /** The {@code <N>} encoding: 1234067 → {@code x001/x234/067}, 5 → {@code 005}. */
    public static String encodeIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative tile index " + index);
        }
        String digits = Long.toString(index);
        digits = "0".repeat((3 - digits.length() % 3) % 3) + digits;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i > 0) {
                out.append('/');
            }
            if (i + 3 < digits.length()) {
                out.append('x');
            }
            out.append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** Parses a canonical tile or entry-bundle path (without the log's URL prefix). */
    public static TilePath parse(String path) throws FormatException {
        if (path == null || path.length() > MAX_PATH || !path.startsWith("tile/")) {
            throw new FormatException("not a tile path");
        }
        String rest = path.substring("tile/".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new FormatException("tile path lacks an index");
        }
        String head = rest.substring(0, slash);
        rest = rest.substring(slash + 1);
        Kind kind;
        int level;
        if (head.equals("entries")) {
            kind = Kind.ENTRIES;
            level = 0;
        } else {
            kind = Kind.HASHES;
            level = (int) decimal(head, TileCoordinates.MAX_LEVEL, "tile level");
        }
        int width = TileCoordinates.FULL_WIDTH;
        int partial = rest.indexOf(".p/");
        if (partial >= 0) {
            width = (int) decimal(rest.substring(partial + 3), TileCoordinates.FULL_WIDTH - 1, "tile width");
            if (width == 0) {
                throw new FormatException("partial tile of width 0");
            }
            rest = rest.substring(0, partial);
        }
        return new TilePath(kind, new TileCoordinates(level, decodeIndex(rest), width));
    }

    private static long decodeIndex(String encoded) throws FormatException {
        String[] groups = encoded.split("/", -1);
        if (groups.length > 7) { // 2^63 - 1 has 19 digits
            throw new FormatException("tile index too large");
        }
        long index = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            boolean last = i == groups.length - 1;
            if (!last) {
                if (!g.startsWith("x")) {
                    throw new FormatException("tile index group lacks its x prefix");
                }
                g = g.substring(1);
                if (i == 0 && g.equals("000")) {
                    throw new FormatException("tile index has a leading zero group");
                }
            }
            if (g.length() != 3 || !isDigits(g)) {
                throw new FormatException("tile index group is not three digits");
            }
            try {
                index = Math.addExact(Math.multiplyExact(index, 1000L), Integer.parseInt(g));
            } catch (ArithmeticException e) {
                throw new FormatException("tile index too large");
            }
        }
        return index;
    }

    private static long decimal(String s, long max, String what) throws FormatException {
        if (s.isEmpty() || s.length() > 3 || !isDigits(s) || (s.length() > 1 && s.charAt(0) == '0')) {
            throw new FormatException(what + " is not a decimal without leading zeros");
        }
        long value = Long.parseLong(s);
        if (value > max) {
            throw new FormatException(what + " " + value + " exceeds " + max);
        }
        return value;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
