package dev.hallmark.core.intoto;

import dev.hallmark.core.FormatException;
import java.util.Objects;

/**
 * The npm package URL used as the subject name of npm attestations, exactly as npm-package-arg {@code toPurl} writes it
 * (npm.md §5): {@code pkg:npm/} + name with its leading {@code @} encoded as {@code %40} + {@code @} + version. The
 * {@code /} of a scope stays literal, and npm never appends qualifiers such as {@code ?repository_url=}.
 *
 * <p>Parsing is strict: an unencoded scope ({@code pkg:npm/@scope/…}) is not what npm produces, and npmjs rejects it
 * as a subject mismatch, so it is rejected here too. Compare purls with {@link #toString()} or record equality.
 */
public record PackageUrl(String name, String version) {
    private static final String PREFIX = "pkg:npm/";

    public PackageUrl {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (!validName(name) || version.isEmpty() || version.contains("@") || hasForbidden(version)) {
            throw new IllegalArgumentException("not an npm package name and version: " + name + "@" + version);
        }
    }

    public static PackageUrl parse(String purl) throws FormatException {
        if (purl == null || !purl.startsWith(PREFIX)) {
            throw new FormatException("not an npm purl");
        }
        String rest = purl.substring(PREFIX.length());
        String name;
        if (rest.startsWith("%40")) {
            rest = rest.substring(3);
            int at = rest.indexOf('@');
            if (at < 0) {
                throw new FormatException("npm purl without a version");
            }
            name = "@" + rest.substring(0, at);
            rest = rest.substring(at);
        } else {
            int at = rest.indexOf('@');
            if (at <= 0) {
                throw new FormatException("npm purl without a name or version");
            }
            name = rest.substring(0, at);
            rest = rest.substring(at);
        }
        String version = rest.substring(1);
        if (!validName(name) || version.isEmpty() || version.contains("@") || hasForbidden(version)) {
            throw new FormatException("malformed npm purl");
        }
        return new PackageUrl(name, version);
    }

    @Override
    public String toString() {
        return PREFIX + (name.startsWith("@") ? "%40" + name.substring(1) : name) + "@" + version;
    }

    /** Unscoped {@code name} or {@code @scope/name}; no further npm naming rules, which old packages break anyway. */
    private static boolean validName(String name) {
        if (hasForbidden(name)) {
            return false;
        }
        if (name.startsWith("@")) {
            int slash = name.indexOf('/');
            return slash > 1 && slash < name.length() - 1 && name.indexOf('/', slash + 1) < 0 && name.indexOf('@', 1) < 0;
        }
        return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('@') < 0;
    }

    /** Characters that would make the purl ambiguous: qualifiers, subpaths, escapes, whitespace. */
    private static boolean hasForbidden(String s) {
        return s.chars().anyMatch(c -> c == '?' || c == '#' || c == '%' || c <= ' ' || c == 0x7f);
    }
}
