package dev.hallmark.cli.pack;

import dev.hallmark.cli.pack.PackException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The files {@code npm pack} (npm 11: npm-packlist 10 on ignore-walk 8) puts in a package's tarball, in tarball order.
 *
 * <p>Each directory is walked with its own rules and asks its parent first, as ignore-walk does: a directory's
 * {@code .npmignore} (or, without one, its {@code .gitignore}) applies below it; at the root a {@code files} list
 * replaces both; the built-in defaults apply at every level; the strict rules always win. Only regular files and
 * directories are considered (symbolic links, sockets and the like are skipped, never followed), names containing
 * {@code *} are skipped, and nested {@code node_modules} directories are packed like any other (only the root one is
 * excluded). The result is sorted by extension, base name and path with V8's collation ({@link NpmCollation}).
 */
public final class PackageFiles {
    private enum Source { DEFAULTS, PACKAGE_JSON, NPMIGNORE, GITIGNORE, STRICT }

    private static final List<Source> ROOT_ORDER =
            List.of(Source.DEFAULTS, Source.PACKAGE_JSON, Source.NPMIGNORE, Source.GITIGNORE, Source.STRICT);
    private static final List<Source> CHILD_ORDER =
            List.of(Source.DEFAULTS, Source.NPMIGNORE, Source.GITIGNORE, Source.STRICT);

    /** One selected file: its path relative to the package root and its size when it was selected. */
    public record Selected(String path, long size) {
    }

    private final Path root;
    private final PackLimits limits;
    private final List<Selected> result = new ArrayList<>();
    private long entries;
    private long bytes;

    private PackageFiles(Path root, PackLimits limits) {
        this.root = root;
        this.limits = limits;
    }

    /** The files npm would pack from {@code dir}, in tarball order. */
    public static List<Selected> select(Path dir, PackageManifest manifest, PackLimits limits) throws PackException {
        Path root = dir.toAbsolutePath().normalize();
        PackageFiles walk = new PackageFiles(root, limits);
        String rootPath = root.toString();
        IgnoreRules.RootRules rootRules = IgnoreRules.root(root, rootPath, manifest);
        Walker rootWalker = new Walker(null, root, "", PosixPath.basename(rootPath), ROOT_ORDER, false,
                rootRules.requiredFiles());
        rootWalker.rules.put(Source.DEFAULTS, IgnoreRules.defaults());
        walk.walk(rootWalker, rootRules, 0);
        // ignore-walk prefixes names starting with @ with ./ (tar would read them as archives) before sorting
        return Collections.unmodifiableList(NpmCollation.sortForTarball(walk.result,
                s -> s.path().startsWith("@") ? "./" + s.path() : s.path()));
    }

    private void walk(Walker walker, IgnoreRules.RootRules rootRules, int depth) throws PackException {
        if (depth > limits.maxDepth()) {
            throw new PackException(Reason.TOO_DEEP, "directories are nested deeper than " + limits.maxDepth());
        }
        List<String> names = list(walker.dir);
        entries += names.size();
        if (entries > limits.maxEntries()) {
            throw new PackException(Reason.TOO_MANY_FILES, "more than " + limits.maxEntries() + " directory entries");
        }
        List<String> npmignore = null;
        List<String> gitignore = null;
        for (String name : names) {
            if (walker.parent == null && name.equals("package.json")) {
                rootRules.files().ifPresent(r -> walker.rules.put(Source.PACKAGE_JSON, r));
                walker.rules.put(Source.STRICT, rootRules.strict());
            } else if (name.equals(".npmignore")) {
                npmignore = IgnoreRules.read(walker.dir.resolve(name));
            } else if (name.equals(".gitignore")) {
                gitignore = IgnoreRules.read(walker.dir.resolve(name));
            }
        }
        // package.json's files list replaces both ignore files; .npmignore replaces .gitignore. Both are read (npm
        // fails on an unreadable one) but only the one that applies is compiled.
        if (walker.rules.get(Source.PACKAGE_JSON) == null) {
            if (npmignore != null) {
                walker.rules.put(Source.NPMIGNORE, IgnoreRules.compile(npmignore));
            } else if (gitignore != null) {
                walker.rules.put(Source.GITIGNORE, IgnoreRules.compile(gitignore));
            }
        }
        for (String name : names) {
            boolean asFile = walker.filterEntry(name, false, null);
            boolean asDir = walker.filterEntry(name, true, null);
            if ((!asFile && !asDir) || name.indexOf('*') >= 0) {
                continue;
            }
            Path path = walker.dir.resolve(name);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new PackException(Reason.IO_ERROR, "cannot stat " + path + ": " + e.getMessage(), e);
            }
            if (attrs.isRegularFile()) {
                if (asFile) {
                    add(walker.relative + name, attrs.size());
                }
            } else if (attrs.isDirectory() && asDir) {
                boolean exact = asFile || walker.filterEntry(name + "/", false, null);
                walk(walker.child(name, exact), rootRules, depth + 1);
            }
        }
    }

    private void add(String path, long size) throws PackException {
        result.add(new Selected(path, size));
        bytes += size;
        if (result.size() > limits.maxFiles()) {
            throw new PackException(Reason.TOO_MANY_FILES, "more than " + limits.maxFiles() + " files to pack");
        }
        if (bytes > limits.maxBytes()) {
            throw new PackException(Reason.TOO_LARGE, "the files to pack are larger than " + limits.maxBytes() + " bytes");
        }
    }

    /** Directory entry names, refusing names that do not survive a round trip through UTF-8 (as Node's would not). */
    private List<String> list(Path dir) throws PackException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (!isAscii(name) && !roundTrips(dir, name)) {
                    throw new PackException(Reason.UNSUPPORTED_NAME, "file name is not valid UTF-8 in " + dir
                            + " (or the JVM does not run with a UTF-8 locale)");
                }
                names.add(name);
            }
        } catch (IOException e) {
            throw new PackException(Reason.IO_ERROR, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean roundTrips(Path dir, String name) {
        if (name.indexOf('\uFFFD') >= 0) {
            return false;
        }
        try {
            return Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** One directory's view: its rules, and its parent's (which it consults first). */
    private static final class Walker {
        final Walker parent;
        final Path dir;
        final String relative;
        final String basename;
        final List<Source> order;
        final boolean exact;
        final List<String> requiredFiles;
        final Map<Source, List<Glob>> rules = new EnumMap<>(Source.class);

        Walker(Walker parent, Path dir, String relative, String basename, List<Source> order, boolean exact,
               List<String> requiredFiles) {
            this.parent = parent;
            this.dir = dir;
            this.relative = relative;
            this.basename = basename;
            this.order = order;
            this.exact = exact;
            this.requiredFiles = requiredFiles;
        }

        Walker child(String name, boolean exact) throws PackException {
            // files entries naming a file directly inside this child directory stay strictly required there
            List<String> required = new ArrayList<>();
            for (String file : requiredFiles) {
                String normalized = PosixPath.normalize(file);
                int slash = normalized.lastIndexOf('/');
                if (slash > 0 && slash < normalized.length() - 1 && normalized.substring(0, slash).equals(name)) {
                    required.add(normalized.substring(slash + 1));
                }
            }
            Walker child = new Walker(this, dir.resolve(name), relative + name + "/", name, CHILD_ORDER, exact, required);
            child.rules.put(Source.DEFAULTS, IgnoreRules.defaults());
            child.rules.put(Source.STRICT, IgnoreRules.childStrict(required));
            return child;
        }

        /** ignore-walk's filterEntry: the parent's verdict on {@code basename/entry}, then this directory's rules. */
        boolean filterEntry(String entry, boolean partial, String entryBasename) {
            boolean included = true;
            if (parent != null) {
                included = parent.filterEntry(basename + "/" + entry, partial,
                        entryBasename != null ? entryBasename : entry);
                if (!included && !exact) {
                    return false;
                }
            }
            Subjects subjects = new Subjects(entry, entryBasename);
            for (Source source : order) {
                List<Glob> list = rules.get(source);
                if (list == null) {
                    continue;
                }
                for (Glob rule : list) {
                    if (rule.negate() != included && subjects.match(rule, partial)) {
                        included = rule.negate();
                    }
                }
            }
            return included;
        }
    }

    /** The paths ignore-walk tries a rule against for one entry, each split only when first needed. */
    private static final class Subjects {
        private final String entry;
        private final String entryBasename;
        private final Glob.Subject[] cache = new Glob.Subject[6];

        Subjects(String entry, String entryBasename) {
            this.entry = entry;
            this.entryBasename = entryBasename == null || entryBasename.isEmpty() ? null : entryBasename;
        }

        private Glob.Subject get(int i) {
            if (cache[i] == null) {
                cache[i] = Glob.Subject.of(switch (i) {
                    case 0 -> "/" + entry;
                    case 1 -> entry;
                    case 2 -> "/" + entry + "/";
                    case 3 -> entry + "/";
                    case 4 -> "/" + entryBasename + "/";
                    case 5 -> entryBasename + "/";
                    default -> throw new IllegalArgumentException();
                });
            }
            return cache[i];
        }

        /** ignore-walk's match: the entry, then (for directories) with a slash or as a prefix, then by base name. */
        boolean match(Glob rule, boolean partial) {
            if (rule.matches(get(0), false) || rule.matches(get(1), false)) {
                return true;
            }
            if (!partial) {
                return false;
            }
            if (rule.matches(get(2), false) || rule.matches(get(3), false)
                    || (rule.negate() && (rule.matches(get(0), true) || rule.matches(get(1), true)))) {
                return true;
            }
            if (entryBasename == null || !rule.relative()) {
                return false;
            }
            return rule.matches(get(4), false) || rule.matches(get(5), false)
                    || (rule.negate() && (rule.matches(Glob.Subject.of("/" + entryBasename), true)
                    || rule.matches(Glob.Subject.of(entryBasename), true)));
        }
    }
}
