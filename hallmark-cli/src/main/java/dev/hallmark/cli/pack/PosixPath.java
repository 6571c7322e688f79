package dev.hallmark.cli.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * The string path arithmetic of Node's {@code path.posix} that npm's packing relies on ({@code normalize}, {@code
 * join}, {@code basename}, {@code extname}). npm computes file-list rules, bin targets and sort keys on these strings,
 * not on filesystem paths, so {@link java.nio.file.Path} (which drops trailing slashes and treats {@code ..}
 * differently) would give different answers.
 */
final class PosixPath {
    private PosixPath() {
    }

    /** {@code path.posix.normalize}: collapses slashes, resolves {@code .} and {@code ..}, keeps one trailing slash. */
    static String normalize(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean absolute = path.charAt(0) == '/';
        boolean trailingSlash = path.charAt(path.length() - 1) == '/';
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty() && !kept.get(kept.size() - 1).equals("..")) {
                    kept.remove(kept.size() - 1);
                } else if (!absolute) {
                    kept.add("..");
                }
                continue;
            }
            kept.add(segment);
        }
        String joined = String.join("/", kept);
        if (joined.isEmpty() && !absolute) {
            joined = ".";
        }
        if (!joined.isEmpty() && trailingSlash) {
            joined += "/";
        }
        return absolute ? "/" + joined : joined;
    }

    /** {@code path.posix.join}: the non-empty arguments joined by {@code /}, then normalised. */
    static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty()) {
                if (!joined.isEmpty()) {
                    joined.append('/');
                }
                joined.append(part);
            }
        }
        return joined.isEmpty() ? "." : normalize(joined.toString());
    }

    /** {@code path.posix.basename} without a suffix argument: the last segment, trailing slashes ignored. */
    static String basename(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            return "";
        }
        int start = path.lastIndexOf('/', end - 1) + 1;
        return path.substring(start, end);
    }

    /**
     * {@code path.posix.extname}: from the last dot of the last segment, unless that dot starts the segment (a dot-file
     * has no extension) or the segment is {@code ..}.
     */
    static String extname(String path) {
        String base = basename(path);
        int dot = base.lastIndexOf('.');
        if (dot <= 0 || base.equals("..")) {
            return "";
        }
        return base.substring(dot);
    }
}
