package dev.hallmark.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.cli.pack.PackException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way packing fails closed, one case per reason, and the limits counting only what npm would walk. */
class PackRefusalTest {
    @TempDir
    Path dir;

    private PackageTree tree(String extraJson) throws Exception {
        return new PackageTree(dir).packageJson("{\"name\":\"x\",\"version\":\"1.0.0\"" + extraJson + "}");
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PackException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void tooManyFiles() throws Exception {
        PackageTree t = tree("");
        for (int i = 0; i < 5; i++) {
            t.file("f" + i + ".js");
        }
        assertReason(() -> NpmPacker.pack(dir, PackLimits.DEFAULT.withMaxFiles(5)), Reason.TOO_MANY_FILES);
        assertThat(NpmPacker.pack(dir, PackLimits.DEFAULT.withMaxFiles(6)).entries()).hasSize(6);
    }

    @Test
    void tooManyDirectoryEntriesIsTooManyFiles() throws Exception {
        PackageTree t = tree("");
        for (int i = 0; i < 30; i++) {
            t.file("lib/f" + i + ".js");
        }
        assertReason(() -> NpmPacker.pack(dir, new PackLimits(1000, 20, 1 << 20, 10)), Reason.TOO_MANY_FILES);
    }

    @Test
    void ignoredTreesDoNotCountAgainstTheLimits() throws Exception {
        PackageTree t = tree("").file("index.js");
        for (int i = 0; i < 50; i++) {
            t.file("node_modules/dep/f" + i + ".js");
            t.file(".git/objects/o" + i);
        }
        PackedTarball packed = NpmPacker.pack(dir, new PackLimits(10, 10, 1 << 20, 2));
        assertThat(packed.entries()).extracting(PackedFile::path).containsExactly("index.js", "package.json");
    }

    @Test
    void tooLarge() throws Exception {
        tree("").bytes("big.bin", new byte[10_000]);
        assertReason(() -> NpmPacker.pack(dir, PackLimits.DEFAULT.withMaxBytes(9_000)), Reason.TOO_LARGE);
        assertThat(NpmPacker.pack(dir, PackLimits.DEFAULT.withMaxBytes(20_000)).unpackedSize()).isGreaterThan(10_000);
    }

    @Test
    void tooDeep() throws Exception {
        tree("").file("a/b/c/d/e.js");
        assertReason(() -> NpmPacker.pack(dir, new PackLimits(100, 100, 1 << 20, 3)), Reason.TOO_DEEP);
        assertThat(NpmPacker.pack(dir, new PackLimits(100, 100, 1 << 20, 4)).entries()).hasSize(2);
    }

    @Test
    void limitsThemselvesAreValidated() {
        assertThatThrownBy(() -> new PackLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackLimits.DEFAULT.withMaxBytes(PackLimits.HARD_MAX_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noPackageJson() throws Exception {
        new PackageTree(dir).file("index.js");
        assertReason(() -> NpmPacker.pack(dir), Reason.NO_PACKAGE_JSON);
    }

    @Test
    void manifestInvalid() throws Exception {
        for (String json : List.of("{", "[]", "{\"name\":\"x\"}", "{\"name\":\"x\",\"version\":\"1.0.0\",\"files\":\"lib\"}",
                "{\"name\":\"x\",\"version\":\"1.0.0\",\"files\":[1]}", "{\"name\":\"x\",\"version\":\"1.0.0\",\"main\":{}}",
                "{\"name\":\"x\",\"version\":\"1.0.0\",\"name\":\"y\"}")) {
            new PackageTree(dir).packageJson(json);
            assertReason(() -> NpmPacker.pack(dir), Reason.MANIFEST_INVALID);
        }
    }

    @Test
    void unsupportedPackage() throws Exception {
        tree(",\"workspaces\":[\"packages/*\"]");
        assertReason(() -> NpmPacker.pack(dir), Reason.UNSUPPORTED_PACKAGE);
        tree(",\"dependencies\":{\"dep\":\"1\"},\"bundleDependencies\":[\"dep\"]").file("node_modules/dep/index.js");
        assertReason(() -> NpmPacker.pack(dir), Reason.UNSUPPORTED_PACKAGE);
        tree(",\"bin\":{\"a/tool\":\"x.js\",\"tool\":\"y.js\"}");
        assertReason(() -> NpmPacker.pack(dir), Reason.UNSUPPORTED_PACKAGE);
    }

    @Test
    void unsupportedPackageForASymlinkedPackageJson() throws Exception {
        new PackageTree(dir).file("real.json", "{\"name\":\"x\",\"version\":\"1.0.0\"}").symlink("package.json", "real.json");
        assertReason(() -> NpmPacker.pack(dir), Reason.UNSUPPORTED_PACKAGE);
    }

    @Test
    void unsupportedPattern() throws Exception {
        for (String rule : List.of("+(a|b).js", "a\\|b", "{1..99999}", "[[:alpha:]]-x")) {
            tree("").file(".npmignore", "# rules\n" + rule + "\n");
            assertReason(() -> NpmPacker.pack(dir), Reason.UNSUPPORTED_PATTERN);
        }
        tree(",\"files\":[\"lib/@(a|b)\"]");
        Files.delete(dir.resolve(".npmignore"));
        assertReason(() -> NpmPacker.pack(dir), Reason.UNSUPPORTED_PATTERN);
    }

    @Test
    void anIgnoreFileThatDoesNotApplyIsNotCompiled() throws Exception {
        tree(",\"files\":[\"index.js\",\"lib\"]").file("index.js").file(".npmignore", "+(a|b).js\n")
                .file("lib/.npmignore", "x\n").file("lib/.gitignore", "@(x|y)\n").file("lib/a.js").file("lib/x");
        assertThat(NpmPacker.pack(dir).entries()).extracting(PackedFile::path)
                .containsExactly("lib/a.js", "index.js", "package.json");
    }

    @Test
    void unsupportedName() throws Exception {
        tree("");
        Process p = new ProcessBuilder("/bin/sh", "-c", "printf x > \"$(printf 'bad\\377name')\"")
                .directory(dir.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertReason(() -> NpmPacker.pack(dir), Reason.UNSUPPORTED_NAME);
    }

    @Test
    void ioErrorForAnIgnoreFileThatIsADirectory() throws Exception {
        tree("").file(".npmignore/x");
        assertReason(() -> NpmPacker.pack(dir), Reason.IO_ERROR);
    }
}
