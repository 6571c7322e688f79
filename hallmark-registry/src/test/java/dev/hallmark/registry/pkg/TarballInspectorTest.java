package dev.hallmark.registry.pkg;

import static dev.hallmark.registry.pkg.TestTarballs.builder;
import static dev.hallmark.registry.pkg.TestTarballs.gzip;
import static dev.hallmark.registry.pkg.TestTarballs.packageJson;
import static dev.hallmark.registry.pkg.TestTarballs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

class TarballInspectorTest {
    private static final TarballLimits DEFAULTS = TarballLimits.defaults();
    private static final byte[] PACKAGE_JSON = utf8("{\"name\":\"@acme/hello\",\"version\":\"1.0.0\",\"main\":\"index.js\"}");

    private static TarballContents inspect(byte[] tgz) throws FormatException {
        return TarballInspector.inspect(tgz, DEFAULTS);
    }

    private static void assertRefused(byte[] tgz, String message) {
        assertRefused(tgz, DEFAULTS, message);
    }

    private static void assertRefused(byte[] tgz, TarballLimits limits, String message) {
        assertThatThrownBy(() -> TarballInspector.inspect(tgz, limits))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void readsAnNpmPackLikeTarball() throws FormatException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/package.json", PACKAGE_JSON);
        files.put("package/README.md", utf8("# hello\n"));
        files.put("package/index.js", utf8("module.exports = 1;\n"));
        files.put("package/lib/util.js", utf8("exports.x = 2;\n"));
        TarballContents contents = inspect(TestTarballs.tgz(files));
        assertThat(contents.name()).isEqualTo("@acme/hello");
        assertThat(contents.version()).isEqualTo("1.0.0");
        assertThat(contents.packageJson().get("main").textValue()).isEqualTo("index.js");
        assertThat(contents.fileCount()).isEqualTo(4);
        assertThat(contents.unpackedSize()).isEqualTo(files.values().stream().mapToLong(b -> b.length).sum());
        assertThat(contents.readme()).contains("# hello\n");
        assertThat(contents.readmeFilename()).contains("README.md");
    }

    @Test
    void packageJsonIsACopy() throws FormatException {
        TarballContents contents = inspect(TestTarballs.npmPackage("x", "1.0.0"));
        contents.packageJson().put("name", "changed");
        assertThat(contents.packageJson().get("name").textValue()).isEqualTo("x");
    }

    @Test
    void acceptsAnySingleTopLevelFolderAndDirectoryEntries() throws FormatException {
        byte[] tgz = builder().directory("acme-hello-3f2a/").file("acme-hello-3f2a/package.json", PACKAGE_JSON)
                .directory("acme-hello-3f2a/lib").file("acme-hello-3f2a/lib/a.js", "a").tgz();
        TarballContents contents = inspect(tgz);
        assertThat(contents.fileCount()).isEqualTo(2);
        assertThat(contents.unpackedSize()).isEqualTo(PACKAGE_JSON.length + 1);
        assertThat(contents.readme()).isEmpty();
        assertThat(contents.readmeFilename()).isEmpty();
    }

    @Test
    void linksInsideThePackageAreAcceptedAndNotCounted() throws FormatException {
        byte[] tgz = builder().file("package/package.json", PACKAGE_JSON).file("package/lib/a.js", "a")
                .symlink("package/lib/b.js", "a.js").symlink("package/c.js", "./lib/../lib/a.js")
                .hardlink("package/d.js", "package/lib/a.js").tgz();
        TarballContents contents = inspect(tgz);
        assertThat(contents.fileCount()).isEqualTo(2);
    }

    @Test
    void prefersAMarkdownReadme() throws FormatException {
        byte[] tgz = builder().file("package/package.json", PACKAGE_JSON).file("package/README.txt", "text")
                .file("package/README", "plain").file("package/readme-notes.txt", "no")
                .file("package/lib/README.md", "nested").file("package/Readme.markdown", "markdown")
                .file("package/README.md", "second markdown").tgz();
        TarballContents contents = inspect(tgz);
        assertThat(contents.readmeFilename()).contains("Readme.markdown");
        assertThat(contents.readme()).contains("markdown");
    }

    @Test
    void fallsBackToPlainReadmeThenAnyReadme() throws FormatException {
        byte[] plain = builder().file("package/package.json", PACKAGE_JSON).file("package/readme.txt", "text")
                .file("package/README", "plain").tgz();
        assertThat(inspect(plain).readmeFilename()).contains("README");
        byte[] other = builder().file("package/package.json", PACKAGE_JSON).file("package/README.rst", "rst").tgz();
        assertThat(inspect(other).readme()).contains("rst");
        byte[] none = builder().file("package/package.json", PACKAGE_JSON).file("package/readme.md.bak", "x")
                .file("package/docs/README.md", "x").directory("package/README.md").tgz();
        assertThat(inspect(none).readme()).isEmpty();
    }

    @Test
    void readmeLimitAppliesOnlyToTheChosenReadme() throws FormatException {
        TarballLimits limits = new TarballLimits(1 << 20, 1 << 20, 100, 1 << 10, 16);
        byte[] smallChosen = builder().file("package/package.json", PACKAGE_JSON).file("package/README", "x".repeat(64))
                .file("package/README.md", "short").tgz();
        assertThat(TarballInspector.inspect(smallChosen, limits).readme()).contains("short");
        byte[] bigChosen = builder().file("package/package.json", PACKAGE_JSON).file("package/README.md", "x".repeat(17))
                .tgz();
        assertRefused(bigChosen, limits, "README.md is 17 bytes, over the readme limit of 16");
    }

    // ---- refusals, one per failure mode ----

    @Test
    void refusesNonGzipData() {
        assertRefused(null, "no tarball");
        assertRefused(new byte[0], "not gzip data");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).tar(), "not gzip data");
        assertRefused(utf8("PK\u0003\u0004 a zip file"), "not gzip data");
    }

    @Test
    void refusesCompressedInputOverTheLimit() {
        byte[] tgz = TestTarballs.npmPackage("x", "1.0.0");
        TarballLimits limits = new TarballLimits(tgz.length - 1, 1 << 20, 100, 1 << 20, 1 << 20);
        assertRefused(tgz, limits, "exceeds the limit of " + (tgz.length - 1) + " bytes");
    }

    @Test
    void refusesTruncatedGzip() {
        byte[] tgz = TestTarballs.npmPackage("x", "1.0.0");
        assertRefused(Arrays.copyOf(tgz, tgz.length - 4), "truncated");
        assertRefused(Arrays.copyOf(tgz, tgz.length / 2), "truncated");
        assertRefused(Arrays.copyOf(tgz, 12), "truncated");
    }

    @Test
    void refusesACorruptGzipTrailer() {
        byte[] tgz = TestTarballs.npmPackage("x", "1.0.0");
        tgz[tgz.length - 6] ^= 1; // CRC-32 of the uncompressed data, RFC 1952 §2.3.1
        assertRefused(tgz, "not a valid gzip'd tar");
    }

    @Test
    void refusesGzipOfSomethingElse() {
        assertRefused(gzip(utf8("{\"name\":\"x\"}".repeat(100))), "not a valid gzip'd tar");
        assertRefused(gzip(new byte[0]), "no package.json");
        assertRefused(gzip(new byte[1024]), "no package.json");
    }

    @Test
    void refusesAMissingPackageJson() {
        assertRefused(builder().file("package/index.js", "x").file("package/lib/package.json", PACKAGE_JSON).tgz(),
                "no package.json in its package folder package/");
    }

    @Test
    void refusesEntriesOutsideTheRootFolder() {
        assertRefused(builder().file("package.json", PACKAGE_JSON).tgz(), "outside the package folder");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("other/index.js", "x").tgz(),
                "tarball entry other/index.js is outside the package folder package/");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("index.js", "x").tgz(),
                "outside the package folder");
    }

    @Test
    void refusesAbsolutePaths() {
        assertRefused(builder().file("/package/package.json", PACKAGE_JSON).tgz(), "absolute");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("/etc/cron.d/x", "x").tgz(), "absolute");
        assertRefused(builder().file("C:/package/package.json", PACKAGE_JSON).tgz(), "absolute");
    }

    @Test
    void refusesDotDotAndDotSegments() {
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("package/../../x", "x").tgz(),
                "'..' segment");
        assertRefused(builder().file("../package/package.json", PACKAGE_JSON).tgz(), "'..' segment");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("package/./x", "x").tgz(),
                "empty or '.' segment");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("package//x", "x").tgz(),
                "empty or '.' segment");
    }

    @Test
    void refusesBackslashesAndControlCharacters() {
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("package\\..\\..\\x", "x").tgz(),
                "backslash");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("package/a\u001bb", "x").tgz(),
                "control character");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("package/" + "a".repeat(1100), "x")
                .tgz(), "longer than 1024 characters");
    }

    @Test
    void refusesSymlinksPointingOutside() {
        for (String target : new String[] {"../../etc/passwd", "/etc/passwd", "..", "lib/../../..", "C:/x", "a\\b"}) {
            assertRefused(builder().file("package/package.json", PACKAGE_JSON).symlink("package/link", target).tgz(),
                    "symbolic link points outside the package");
        }
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).symlink("package/link", "").tgz(),
                "symbolic link without a target");
    }

    @Test
    void refusesHardlinksPointingOutside() {
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).hardlink("package/h", "etc/passwd").tgz(),
                "hard link points outside the package");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).hardlink("package/h", "/etc/passwd").tgz(),
                "absolute");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).hardlink("package/h", "package/../x").tgz(),
                "'..' segment");
    }

    @Test
    void refusesALinkDisguisedAsADirectory() {
        // commons-compress calls any entry whose name ends in '/' a directory; node-tar would make the link.
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).symlink("package/evil/", "/etc").tgz(),
                "empty or '.' segment: package/evil/");
    }

    @Test
    void refusesPackageJsonThatIsNotARegularFile() {
        assertRefused(builder().file("package/real.json", PACKAGE_JSON).symlink("package/package.json", "real.json")
                .tgz(), "package.json must be a regular file");
        assertRefused(builder().file("package/real.json", PACKAGE_JSON).hardlink("package/package.json",
                "package/real.json").tgz(), "package.json must be a regular file");
    }

    @Test
    void refusesDuplicatePackageJson() {
        assertRefused(builder().file("package/package.json", PACKAGE_JSON)
                .file("package/package.json", packageJson("evil", "6.6.6")).tgz(), "more than one package.json");
    }

    @Test
    void refusesDuplicateEntries() {
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("package/README.md", "a")
                .file("package/README.md", "b").tgz(), "two entries for package/README.md");
    }

    @Test
    void refusesDevicesAndFifos() {
        assertRefused(builder().file("package/package.json", PACKAGE_JSON)
                .special("package/fifo", TarArchiveEntry.LF_FIFO).tgz(), "unsupported type '6'");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON)
                .special("package/tty", TarArchiveEntry.LF_CHR).tgz(), "unsupported type '3'");
    }

    @Test
    void refusesTooManyEntries() throws FormatException {
        TarballLimits limits = new TarballLimits(1 << 20, 1 << 20, 3, 1 << 20, 1 << 20);
        TestTarballs.Builder three = builder().file("package/package.json", PACKAGE_JSON).file("package/a", "a")
                .directory("package/d");
        assertThat(TarballInspector.inspect(three.tgz(), limits).fileCount()).isEqualTo(2);
        assertRefused(three.file("package/b", "b").tgz(), limits, "more than 3 entries");
    }

    @Test
    void refusesTooManyUnpackedBytes() {
        TarballLimits limits = new TarballLimits(1 << 20, 1000, 100, 1 << 20, 1 << 20);
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).file("package/big", new byte[1000]).tgz(),
                limits, "unpacks to more than 1000 bytes");
    }

    @Test
    void refusesAnOversizedPackageJson() {
        TarballLimits limits = new TarballLimits(1 << 20, 1 << 20, 100, 32, 1 << 20);
        assertRefused(builder().file("package/package.json", PACKAGE_JSON).tgz(), limits,
                "package.json is " + PACKAGE_JSON.length + " bytes, over the limit of 32");
    }

    @Test
    void refusesABadPackageJson() {
        assertRefused(TestTarballs.tgz(Map.of("package/package.json", utf8("{\"name\":"))), "package.json: malformed JSON");
        assertRefused(TestTarballs.tgz(Map.of("package/package.json", utf8("[]"))), "package.json: expected a JSON object");
        assertRefused(TestTarballs.tgz(Map.of("package/package.json", utf8("{\"name\":\"a\",\"name\":\"b\",\"version\":\"1.0.0\"}"))),
                "package.json: malformed JSON");
        assertRefused(TestTarballs.tgz(Map.of("package/package.json", utf8("{\"version\":\"1.0.0\"}"))),
                "package.json: missing field name");
        assertRefused(TestTarballs.tgz(Map.of("package/package.json", utf8("{\"name\":\"x\"}"))),
                "package.json: missing field version");
        assertRefused(TestTarballs.tgz(Map.of("package/package.json", utf8("{\"name\":1,\"version\":\"1.0.0\"}"))),
                "package.json: field name must be a string");
        assertRefused(TestTarballs.tgz(Map.of("package/package.json", utf8("{\"name\":\"x\",\"version\":\"\"}"))),
                "package.json: field version must not be empty");
    }

    @Test
    void refusesADecompressionBomb() {
        TarballLimits limits = new TarballLimits(1 << 20, 1 << 20, 10, 1 << 20, 1 << 20);
        // Zeros after the end of the archive: headers are honest, the gzip stream just never ends.
        byte[] tar = builder().file("package/package.json", PACKAGE_JSON).tar();
        byte[] bomb = gzip(Arrays.copyOf(tar, tar.length + 8 * 1024 * 1024));
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertRefused(bomb, limits, "decompresses to more than " + limits.maxTarStreamBytes() + " bytes");
        // One file claiming far more than the unpacked limit is refused from its header, before reading it.
        byte[] big = builder().file("package/package.json", PACKAGE_JSON).file("package/zeros", new byte[4 << 20]).tgz();
        assertRefused(big, limits, "unpacks to more than " + (1 << 20) + " bytes");
    }

    @Test
    void refusesOversizedHeaders() {
        // commons-compress buffers PAX records in memory: one entry's headers are bounded on their own.
        assertRefused(builder().file("package/package.json", PACKAGE_JSON)
                .fileWithPax("package/a", utf8("a"), Map.of("hallmark.padding", "p".repeat(100_000))).tgz(),
                "entry headers exceed 65536 bytes");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON)
                .file("package/" + "long/".repeat(300) + "x", "x").tgz(), "longer than 1024 characters");
    }

    @Test
    void boundsGlobalPaxHeadersThatAccumulate() throws FormatException {
        byte[] oneGlobal = builder().globalPax(Map.of("comment", "c".repeat(30_000)))
                .file("package/package.json", PACKAGE_JSON).tgz();
        assertThat(inspect(oneGlobal).fileCount()).isEqualTo(1);
        // Each global header fits its window, but distinct keys pile up and reach every later entry.
        TestTarballs.Builder piling = builder().file("package/package.json", PACKAGE_JSON);
        for (int i = 0; i < 4; i++) {
            piling.globalPax(Map.of("hallmark.k" + i, "v".repeat(30_000))).file("package/f" + i, "x");
        }
        assertRefused(piling.tgz(), "bytes of extended headers");
    }

    @Test
    void refusesNonRegularEntriesWithData() {
        byte[] directoryWithData = builder().file("package/package.json", PACKAGE_JSON).file("package/dirx", "hidden")
                .tarRenaming("package/dirx", "package/dir/");
        assertRefused(gzip(directoryWithData), "tarball entry package/dir is not a regular file but has data");
        assertRefused(builder().file("package/package.json", PACKAGE_JSON)
                .special("package/link", TarArchiveEntry.LF_SYMLINK, utf8("hidden")).tgz(), "is not a regular file but has data");
    }
}
