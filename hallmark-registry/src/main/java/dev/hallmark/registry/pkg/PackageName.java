package dev.hallmark.registry.pkg;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.intoto.PackageUrl;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An npm package name that is valid for a <em>new</em> package: {@code name} or {@code @scope/name}.
 *
 * <p>The rules are validate-npm-package-name 7.0.2's {@code validForNewPackages} (the version npm 11 bundles): at most
 * 214 characters including the scope, lower case, URL-safe ({@code encodeURIComponent(x) == x}) apart from the single
 * {@code @scope/} separator, none of {@code ~'!()*}, no leading period, not {@code node_modules} or
 * {@code favicon.ico}, not a Node core module name. Together these leave only {@code [a-z0-9._-]} in each part, so a
 * name can never be a path trick: {@code .}, {@code ..}, {@code %}, {@code \}, a second {@code /} and control
 * characters are all refused.
 *
 * <p>Deliberate differences from npm: the scope must also obey the character rules and must not start with a period
 * (npm checks only URL safety of the scope, so it accepts {@code @../x} and {@code @a!/x}). A leading hyphen or
 * underscore is refused only at the start of the whole name, as npm does: those rules protect CLI flags and CouchDB's
 * {@code _} documents, which a name starting with {@code @} cannot collide with.
 *
 * @param scope the scope without {@code @}, if any
 * @param name the unscoped name
 */
public record PackageName(Optional<String> scope, String name) {
    /** validate-npm-package-name: "name can no longer contain more than 214 characters", scope included. */
    public static final int MAX_LENGTH = 214;

    /** validate-npm-package-name 7.0.2 lib/builtin-modules.json, the names without '/' or ':' (those fail URL safety). */
    private static final Set<String> CORE_MODULES = Set.of(
            "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
            "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
            "_stream_writable", "_tls_common", "_tls_wrap", "assert", "async_hooks", "buffer", "child_process",
            "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns", "domain", "events",
            "fs", "http", "http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process",
            "punycode", "querystring", "readline", "repl", "stream", "string_decoder", "sys", "timers", "tls",
            "trace_events", "tty", "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib");

    /** validate-npm-package-name's exclusion list. */
    private static final Set<String> EXCLUDED = Set.of("node_modules", "favicon.ico");

    public PackageName {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        String problem = problem(scope, name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Parses {@code name} or {@code @scope/name}; the message of the exception says which rule the name breaks. */
    public static PackageName parse(String full) throws FormatException {
        if (full == null) {
            throw new FormatException("name cannot be null");
        }
        Optional<String> scope = Optional.empty();
        String name = full;
        if (full.startsWith("@")) {
            int slash = full.indexOf('/');
            if (slash < 0) {
                throw new FormatException("a scoped name must have the form @scope/name");
            }
            scope = Optional.of(full.substring(1, slash));
            name = full.substring(slash + 1);
        }
        String problem = problem(scope, name);
        if (problem != null) {
            throw new FormatException(problem);
        }
        return new PackageName(scope, name);
    }

    /**
     * Parses a name as it appears in one URL path segment: {@code @scope%2fname} (npm sends a lower-case {@code %2f},
     * npm.md §1), {@code %40scope%2Fname}, or plain. Only the scope's {@code @} and separator may be escaped; any
     * other {@code %} stays and is refused by {@link #parse}.
     */
    public static PackageName parseUrlSegment(String segment) throws FormatException {
        if (segment == null) {
            throw new FormatException("name cannot be null");
        }
        String full = segment;
        if (full.regionMatches(true, 0, "%40", 0, 3)) {
            full = "@" + full.substring(3);
        }
        if (full.startsWith("@")) {
            int escaped = indexOfIgnoreCase(full, "%2f");
            if (escaped > 0 && full.indexOf('/') < 0) {
                full = full.substring(0, escaped) + "/" + full.substring(escaped + 3);
            }
        }
        return parse(full);
    }

    /** True when {@link #parse} would accept the name. */
    public static boolean isValid(String full) {
        try {
            parse(full);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }

    /** {@code @scope/name} or {@code name}: the package.json {@code name} and the packument {@code _id}. */
    public String full() {
        return scope.map(s -> "@" + s + "/" + name).orElse(name);
    }

    /** The name without its scope. */
    public String unscoped() {
        return name;
    }

    public boolean isScoped() {
        return scope.isPresent();
    }

    /** The name as one URL path segment, as npm writes it: {@code @scope%2fname} with a lower-case {@code %2f}. */
    public String escaped() {
        return scope.map(s -> "@" + s + "%2f" + name).orElse(name);
    }

    /** The provenance subject name (npm.md §5): {@code pkg:npm/%40scope/name@1.0.0}. */
    public String purl(SemVer version) {
        return new PackageUrl(full(), version.toString()).toString();
    }

    /** As {@link #purl(SemVer)}; the version must be a canonical SemVer ({@link IllegalArgumentException} if not). */
    public String purl(String version) {
        return purl(requireVersion(version));
    }

    /** The tarball file name npmjs serves, built from the unscoped name (npm.md §2.3): {@code name-1.0.0.tgz}. */
    public String tarballFileName(SemVer version) {
        return name + "-" + version + ".tgz";
    }

    /** As {@link #tarballFileName(SemVer)}; the version must be a canonical SemVer ({@link IllegalArgumentException}). */
    public String tarballFileName(String version) {
        return tarballFileName(requireVersion(version));
    }

    @Override
    public String toString() {
        return full();
    }

    private static SemVer requireVersion(String version) {
        try {
            return SemVer.parse(version);
        } catch (FormatException e) {
            throw new IllegalArgumentException("not a version: " + e.getMessage(), e);
        }
    }

    /** The first rule the name breaks, in validate-npm-package-name's words where it has some; null if none. */
    private static String problem(Optional<String> scope, String name) {
        int length = name.length() + scope.map(s -> s.length() + 2).orElse(0);
        if (length == 0) {
            return "name length must be greater than zero";
        }
        if (length > MAX_LENGTH) {
            return "name can no longer contain more than " + MAX_LENGTH + " characters";
        }
        if (scope.isPresent()) {
            String problem = partProblem(scope.get(), "scope");
            if (problem != null) {
                return problem;
            }
        } else {
            // Checked on the whole name only, as npm does: "-x" reads as a CLI flag, "_x" as a CouchDB special id.
            if (name.startsWith("-")) {
                return "name cannot start with a hyphen";
            }
            if (name.startsWith("_")) {
                return "name cannot start with an underscore";
            }
        }
        String problem = partProblem(name, "name");
        if (problem != null) {
            return problem;
        }
        if (scope.isEmpty()) {
            if (EXCLUDED.contains(name)) {
                return name + " is not a valid package name";
            }
            if (CORE_MODULES.contains(name)) {
                return name + " is a core module name";
            }
        }
        return null;
    }

    private static String partProblem(String part, String what) {
        if (part.isEmpty()) {
            return what + " length must be greater than zero";
        }
        if (part.startsWith(".")) {
            return what + " cannot start with a period";
        }
        if (part.strip().length() != part.length()) {
            return what + " cannot contain leading or trailing spaces";
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return what + " can no longer contain capital letters";
            }
            if ("~'!()*".indexOf(c) >= 0) {
                return what + " can no longer contain special characters (\"~'!()*\")";
            }
            // What encodeURIComponent leaves alone, minus capitals and ~'!()*; '/', '%', '\', '@' and controls are out.
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return what + " can only contain URL-friendly characters";
            }
        }
        return null;
    }

    private static int indexOfIgnoreCase(String s, String needle) {
        for (int i = 0; i + needle.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
