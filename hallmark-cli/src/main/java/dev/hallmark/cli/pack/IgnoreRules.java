package dev.hallmark.cli.pack;

import dev.hallmark.cli.pack.PackException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rule lists npm-packlist 10 feeds its walker, in the order they are applied: the built-in defaults, the {@code
 * files} list of package.json ({@code *} then one re-inclusion per entry), {@code .npmignore} or else {@code
 * .gitignore}, and the "strict" rules that always win (package.json, README, LICENSE/LICENCE, COPYING, main, browser
 * and bin are kept; .git, node_modules, .npmrc and lock files at the root are dropped).
 */
final class IgnoreRules {
    /** Ignore files larger than this are refused. */
    static final int MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024;

    private static final List<String> DEFAULTS = List.of(
            ".npmignore", ".gitignore", "**/.git", "**/.svn", "**/.hg", "**/CVS", "**/.git/**", "**/.svn/**",
            "**/.hg/**", "**/CVS/**", "/.lock-wscript", "/.wafpickle-*", "/build/config.gypi", "npm-debug.log",
            "**/.npmrc", ".*.swp", ".DS_Store", "**/.DS_Store/**", "._*", "**/._*/**", "*.orig", "/archived-packages/**");

    private static final List<String> STRICT_ROOT = List.of(
            "/.git", "!/package.json", "!/readme{,.*[^~$]}", "!/copying{,.*[^~$]}", "!/license{,.*[^~$]}",
            "!/licence{,.*[^~$]}", "/.git", "/node_modules", ".npmrc", "/package-lock.json", "/yarn.lock",
            "/pnpm-lock.yaml", "/bun.lockb");

    private static final List<Glob> DEFAULT_RULES = compileBuiltIn(DEFAULTS);

    /** The rules of the package root: optional {@code files} rules, the strict rules, and the required files. */
    record RootRules(Optional<List<Glob>> files, List<Glob> strict, List<String> requiredFiles) {
        RootRules {
            files = files.map(List::copyOf);
            strict = List.copyOf(strict);
            requiredFiles = List.copyOf(requiredFiles);
        }
    }

    private IgnoreRules() {
    }

    static List<Glob> defaults() {
        return DEFAULT_RULES;
    }

    /** A subdirectory's strict rules: {@code /.git}, plus its own {@code files} entries named directly. */
    static List<Glob> childStrict(List<String> requiredFiles) throws PackException {
        List<String> rules = new ArrayList<>(List.of("/.git"));
        requiredFiles.forEach(f -> rules.add("!" + f));
        return compile(rules);
    }

    /**
     * npm-packlist's processPackage: each {@code files} entry that names a file is strictly required, one that names a
     * directory includes its contents, anything else is a pattern.
     */
    static RootRules root(Path root, String rootPath, PackageManifest manifest) throws PackException {
        List<String> strict = new ArrayList<>(STRICT_ROOT);
        List<String> required = new ArrayList<>();
        Optional<List<Glob>> files = Optional.empty();
        if (manifest.files().isPresent()) {
            List<String> ignores = new ArrayList<>(List.of("*"));
            for (String entry : manifest.files().get()) {
                String file = entry;
                if (file.startsWith("./")) {
                    file = file.substring(1);
                }
                if (file.endsWith("/*")) {
                    file += "*";
                }
                String inverse = "!" + file;
                String statPath = PosixPath.join(rootPath, file.replaceFirst("^!+", "")).replace('\\', '/');
                switch (kind(statPath)) {
                    case FILE -> {
                        strict.add(0, inverse);
                        required.add(file.startsWith("/") ? file.substring(1) : file);
                    }
                    case DIRECTORY -> {
                        ignores.add(inverse);
                        ignores.add(inverse + "/**");
                    }
                    case OTHER -> {
                    }
                    case MISSING -> ignores.add(inverse);
                }
            }
            files = Optional.of(compile(ignores));
        }
        manifest.browser().ifPresent(b -> strict.add("!/" + b));
        manifest.main().ifPresent(m -> strict.add("!/" + m));
        manifest.binTargets().forEach(b -> strict.add("!/" + b));
        return new RootRules(files, compile(strict), required);
    }

    private enum Kind { FILE, DIRECTORY, OTHER, MISSING }

    /**
     * {@code lstat} as Node calls it on a string path: a trailing slash makes the kernel follow a final symbolic link
     * and fail on anything but a directory, which {@link Path} (dropping the slash) would not.
     */
    private static Kind kind(String path) {
        try {
            Path p = Path.of(path);
            boolean trailingSlash = path.endsWith("/") && path.length() > 1;
            BasicFileAttributes attrs = trailingSlash
                    ? Files.readAttributes(p, BasicFileAttributes.class)
                    : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (trailingSlash && !attrs.isDirectory()) {
                return Kind.MISSING; // ENOTDIR: npm treats the entry as a pattern
            }
            return attrs.isRegularFile() ? Kind.FILE : attrs.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
        } catch (IOException | InvalidPathException e) {
            return Kind.MISSING;
        }
    }

    /** An ignore file's rules: one per line that is neither blank nor a {@code #} comment, trimmed. */
    static List<String> read(Path file) throws PackException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_IGNORE_FILE_BYTES) {
                throw new PackException(Reason.TOO_LARGE, file + " is larger than " + MAX_IGNORE_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PackException(Reason.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> rules = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            String rule = JsText.trim(line);
            if (!rule.isEmpty() && !rule.startsWith("#")) {
                rules.add(rule);
            }
        }
        return rules;
    }

    static List<Glob> compile(List<String> patterns) throws PackException {
        List<Glob> globs = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            globs.add(Glob.compile(p));
        }
        return List.copyOf(globs);
    }

    private static List<Glob> compileBuiltIn(List<String> patterns) {
        try {
            return compile(patterns);
        } catch (PackException e) {
            throw new IllegalStateException("a built-in rule does not compile", e);
        }
    }
}
