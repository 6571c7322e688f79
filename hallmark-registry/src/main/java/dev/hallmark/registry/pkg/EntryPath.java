package dev.hallmark.registry.pkg;

import dev.hallmark.core.FormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tar entry's path, checked so that extracting it cannot land outside the package folder: relative, '/'-separated,
 * no empty, {@code .} or {@code ..} segments, no backslashes (a Windows separator), no drive letter, no control
 * characters. node-tar strips or refuses these when npm installs; the registry refuses the tarball instead.
 *
 * @param segments at least one segment; the first is the package root folder ({@code package} from npm pack)
 */
record EntryPath(List<String> segments) {
    /** Longer paths are not produced by npm pack and only cost memory in the duplicate check. */
    static final int MAX_CHARS = 1024;

    EntryPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
    }

    static EntryPath parse(String raw, boolean directory) throws FormatException {
        if (raw == null || raw.isEmpty()) {
            throw new FormatException("tarball entry with an empty path");
        }
        if (raw.length() > MAX_CHARS) {
            throw new FormatException("tarball entry path is longer than " + MAX_CHARS + " characters");
        }
        String shown = printable(raw);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new FormatException("tarball entry path has a control character: " + shown);
            }
            if (c == '\\') {
                throw new FormatException("tarball entry path has a backslash: " + shown);
            }
        }
        if (raw.startsWith("/") || (raw.length() >= 2 && raw.charAt(1) == ':' && Character.isLetter(raw.charAt(0)))) {
            throw new FormatException("tarball entry path is absolute: " + shown);
        }
        String path = directory && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        List<String> segments = Arrays.asList(path.split("/", -1));
        for (String segment : segments) {
            if (segment.equals("..")) {
                throw new FormatException("tarball entry path has a '..' segment: " + shown);
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw new FormatException("tarball entry path has an empty or '.' segment: " + shown);
            }
        }
        return new EntryPath(segments);
    }

    String root() {
        return segments.get(0);
    }

    /** The path below the root folder, e.g. {@code lib/index.js}; empty for the root folder itself. */
    String relative() {
        return String.join("/", segments.subList(1, segments.size()));
    }

    boolean isDirectlyInRoot() {
        return segments.size() == 2;
    }

    /**
     * Resolves a symbolic link's target against this entry's folder. The result must stay inside {@code root}; a link
     * to an absolute path or one that climbs out is refused (npm does not install links, but other tools unpack them).
     */
    void checkSymlinkTarget(String target, String root) throws FormatException {
        if (target == null || target.isEmpty()) {
            throw new FormatException("symbolic link without a target: " + this);
        }
        if (target.length() > MAX_CHARS || target.startsWith("/") || target.indexOf('\\') >= 0
                || (target.length() >= 2 && target.charAt(1) == ':')
                || target.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new FormatException("symbolic link points outside the package: " + this);
        }
        List<String> resolved = new ArrayList<>(segments.subList(0, segments.size() - 1));
        if (resolved.isEmpty()) {
            throw new FormatException("symbolic link outside the package folder: " + this);
        }
        for (String segment : target.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                resolved.remove(resolved.size() - 1);
                if (resolved.isEmpty()) {
                    throw new FormatException("symbolic link points outside the package: " + this);
                }
            } else {
                resolved.add(segment);
            }
        }
        if (!resolved.get(0).equals(root)) {
            throw new FormatException("symbolic link points outside the package: " + this);
        }
    }

    @Override
    public String toString() {
        return printable(String.join("/", segments));
    }

    /** Paths go into error messages: keep them short and free of control characters. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 200; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 200 ? out + "..." : out.toString();
    }
}
