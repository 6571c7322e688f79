package dev.hallmark.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against the stock {@code npm pack} on PATH: every package tree below is packed by npm (one
 * {@code npm pack --json --ignore-scripts} run for all of them, with an empty cache and user config) and by {@link
 * NpmPacker}; npm's {@code .tgz} is gunzipped and must equal this tar byte for byte, and npm's {@code files} listing
 * (path, size, mode, in order) must equal {@link PackedTarball#listing()}.
 */
class NpmPackerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    interface Builder {
        void build(PackageTree tree, String name) throws IOException;
    }

    private final Map<String, Builder> cases = new LinkedHashMap<>();

    @Test
    void packsEveryTreeExactlyAsStockNpmDoes(@TempDir Path root) throws Exception {
        defineCases();
        NodeTools node = new NodeTools(root.resolve("npm"));
        Path casesDir = Files.createDirectories(root.resolve("cases"));
        Path out = Files.createDirectories(root.resolve("out"));
        List<String> args = new ArrayList<>(List.of("pack", "--json", "--ignore-scripts", "--pack-destination",
                out.toString(), "--cache", root.resolve("npm/cache").toString(), "--userconfig",
                root.resolve("npm/userconfig").toString()));
        List<String> names = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Builder> c : cases.entrySet()) {
            String name = c.getKey().startsWith("@") ? c.getKey() : "case-" + (i++) + "-" + c.getKey();
            Path dir = casesDir.resolve(name.replace('/', '+'));
            Files.createDirectories(dir);
            c.getValue().build(new PackageTree(dir), name);
            names.add(name);
            args.add("./cases/" + dir.getFileName());
        }
        NodeTools.Result result = node.npm(root, args.toArray(String[]::new));
        assertThat(result.exit()).as("npm pack failed:\n" + result.stderr()).isZero();
        JsonNode packs = JSON.readTree(result.stdout());
        assertThat(packs.size()).isEqualTo(names.size());

        for (int k = 0; k < names.size(); k++) {
            JsonNode npm = packs.get(k);
            String name = names.get(k);
            assertThat(npm.get("name").asText()).isEqualTo(name);
            Path dir = casesDir.resolve(name.replace('/', '+'));
            byte[] npmTar = gunzip(out.resolve(npm.get("filename").asText()));
            PackedTarball ours = NpmPacker.pack(dir);

            List<String> npmFiles = new ArrayList<>();
            npm.get("files").forEach(f -> npmFiles.add(f.get("path").asText() + " " + f.get("size").asLong()
                    + " " + Integer.toOctalString(f.get("mode").asInt())));
            List<String> ourFiles = ours.listing().stream()
                    .map(f -> f.path() + " " + f.size() + " " + Integer.toOctalString(f.mode())).toList();
            assertThat(ourFiles).as(name + " file listing").containsExactlyElementsOf(npmFiles);
            assertThat(ours.unpackedSize()).as(name + " unpacked size").isEqualTo(npm.get("unpackedSize").asLong());
            byte[] ourTar = ours.tar().toArray();
            assertThat(firstDifference(ourTar, npmTar)).as(name + ": first differing byte of the tar (length "
                    + ourTar.length + " vs npm " + npmTar.length + ")").isEqualTo(-1);
        }
    }

    private void defineCases() {
        cases.put("plain", (t, n) -> t.packageJson(pkg(n, ""))
                .file("index.js").file("lib/util.js").file("README.md").file(".npmrc").file(".DS_Store")
                .file("x.orig").file("npm-debug.log").file("._foo").file(".git/config").file("sub/.git")
                .file("CVS/Entries").file(".svn/entries").file(".hg/store").file(".foo.swp").file("sub/.npmrc")
                .file(".lock-wscript").file(".wafpickle-7").file("build/config.gypi").file("build/out.js")
                .file("sub/build/config.gypi").file("archived-packages/a.tgz").file(".editorconfig"));
        cases.put("files-globs", (t, n) -> t.packageJson(pkg(n, """
                "files": ["lib", "bin/*.js", "!lib/secret.js", "docs/**/*.md", "types/index.d.ts", "./dist/",
                          "assets/*", "*.json", "missing-dir/", "{a,b}.txt", "C?.TXT"]"""))
                .file("lib/a.js").file("lib/secret.js").file("lib/deep/b.js").file("bin/x.js").file("bin/x.sh")
                .file("docs/a.md").file("docs/x/y/z.md").file("docs/x/y/z.txt").file("types/index.d.ts")
                .file("types/other.d.ts").file("dist/out.js").file("assets/one/two.png").file("assets/three.css")
                .file("data.json").file("sub/data.json").file("a.txt").file("b.txt").file("c.txt").file("c1.txt")
                .file("src/index.ts"));
        cases.put("npmignore-beats-gitignore", (t, n) -> t.packageJson(pkg(n, ""))
                .file(".npmignore", "*.log\n").file(".gitignore", "*.js\n").file("a.js").file("b.log"));
        cases.put("gitignore-fallback", (t, n) -> t.packageJson(pkg(n, ""))
                .file(".gitignore", "# comment\r\n  dist/  \r\n/build\n*.log\n!keep.log\n**/tmp\nnode_modules\n\n")
                .file("dist/a.js").file("build/b.js").file("src/build/c.js").file("x.log").file("keep.log")
                .file("a/tmp/t.js").file("tmp/u.js").file("src/index.js"));
        cases.put("nested-ignores", (t, n) -> t.packageJson(pkg(n, ""))
                .file(".npmignore", "*.md\n!KEEP.md\nsub2/skip.js\n").file("a.md").file("KEEP.md")
                .file("sub/.npmignore", "*.txt\n!important.txt\ndeeper/\n").file("sub/a.txt").file("sub/important.txt")
                .file("sub/deeper/x.js").file("sub/b.md").file("sub/c.js")
                .file("sub2/.gitignore", "*.js\n").file("sub2/skip.js").file("sub2/keep.css").file("sub2/x.js")
                .file("sub3/.gitignore", "*.css\n").file("sub3/.npmignore", "*.js\n").file("sub3/a.css")
                .file("sub3/a.js"));
        cases.put("files-with-nested-npmignore", (t, n) -> t.packageJson(pkg(n, "\"files\": [\"lib\", \"other/x.js\"]"))
                .file(".npmignore", "lib/b.js\n").file("lib/.npmignore", "a.js\n").file("lib/a.js").file("lib/b.js")
                .file("lib/c.js").file("other/.npmignore", "x.js\n").file("other/x.js").file("other/y.js"));
        cases.put("readme-license-variants", (t, n) -> t.packageJson(pkg(n, "\"files\": [\"lib\"]"))
                .file("lib/index.js").file("README.md").file("readme.markdown").file("Readme.txt~").file("LICENSE")
                .file("LICENCE.txt").file("COPYING").file("copying.md").file("license-MIT").file("docs/README.md")
                .file("lib/LICENSE").file("sub/licence").file("CHANGELOG.md"));
        cases.put("main-and-bin", (t, n) -> t.packageJson(pkg(n, """
                "main": "lib/main.js", "files": ["lib/other.js"],
                "bin": {"x": "./bin/x.js", "y": "cli.js", "z": "tools/bin/z.js"}, "browser": "browser.js\""""))
                .file("lib/main.js").file("lib/other.js").file("lib/skip.js").file("bin/x.js").file("cli.js")
                .file("x/bin/x.js").file("tools/bin/z.js").file("bin/z.js").file("browser.js"));
        cases.put("main-dot-slash", (t, n) -> t.packageJson(pkg(n, "\"main\": \"./index.js\", \"files\": [\"lib\"]"))
                .file("index.js").file("lib/a.js"));
        cases.put("bin-string", (t, n) -> t.packageJson(pkg(n, "\"bin\": \"./cli.js\""))
                .file("cli.js").file("lib/cli.js"));
        cases.put("directories-bin", (t, n) -> t.packageJson(pkg(n, "\"directories\": {\"bin\": \"./scripts\"}"))
                .file("scripts/run").file("scripts/.hidden").file("scripts/sub/tool").file("run").file("other.js"));
        cases.put("@scope/scoped", (t, n) -> t.packageJson(pkg(n, "")).file("@types.d.ts").file("@dir/x.js")
                .file("a@b.js").file("index.js"));
        cases.put("long-paths", (t, n) -> {
            t.packageJson(pkg(n, ""));
            t.file("a".repeat(91) + ".js");   // package/ + 94 = 102 bytes: split at the first slash
            t.file("b".repeat(88) + ".js");   // 99 bytes in all: no split
            t.file("c".repeat(89) + ".js");   // 100 bytes: split
            t.file("d".repeat(150) + ".js");  // base name longer than 100: PAX
            t.file("e".repeat(60) + "/" + "f".repeat(60) + "/" + "g".repeat(60) + ".js");
            t.file("h".repeat(100) + "/" + "i".repeat(60) + ".js");
            t.file("j".repeat(120) + "/" + "k".repeat(40) + "/" + "l".repeat(40) + "/m.js"); // prefix > 155
        });
        cases.put("unicode-names", (t, n) -> t.packageJson(pkg(n, ""))
                .file("é.js").file("e\u0301t\u00e9.js").file("ñandú/日本語.txt").file("😀.md").file("Ärger.js")
                .file("ärger.js").file("zebra.js").file("Zebra.JS").file("ß.txt").file("ſ.txt")
                .file("ü".repeat(60) + ".js").file("x/" + "日".repeat(40) + ".txt")
                .file("dir-" + "é".repeat(70) + "/" + "ö".repeat(30) + ".js"));
        cases.put("empty-files", (t, n) -> t.packageJson(pkg(n, "")).file("empty.js", "").file("sub/empty", "")
                .bytes("block.bin", new byte[512]).bytes("block-and-one.bin", new byte[513]));
        cases.put("modes", (t, n) -> t.packageJson(pkg(n, ""))
                .file("exec.sh").mode("exec.sh", "rwxr-xr-x").file("private.key").mode("private.key", "rw-------")
                .file("all.txt").mode("all.txt", "rwxrwxrwx").file("readonly.txt").mode("readonly.txt", "r--r--r--")
                .file("group.txt").mode("group.txt", "rw-rw-r--")
                .file("odd.txt").mode("odd.txt", "r-x-w---x"));
        cases.put("symlinks", (t, n) -> t.packageJson(pkg(n, "\"files\": [\"lib\", \"linked-dir\", \"link.js\"]"))
                .file("lib/real.js").symlink("lib/link.js", "real.js").symlink("link.js", "lib/real.js")
                .file("target/t.js").symlink("linked-dir", "target").symlink("lib/dangling.js", "nowhere.js")
                .file("rules.txt", "*.tmp\n").symlink(".npmignore", "rules.txt").file("lib/x.tmp"));
        cases.put("node-modules", (t, n) -> t.packageJson(pkg(n, "\"dependencies\": {\"dep\": \"1.0.0\"}"))
                .file("node_modules/dep/package.json", "{\"name\":\"dep\",\"version\":\"1.0.0\"}")
                .file("node_modules/dep/index.js").file("node_modules/.bin/x").file("lib/node_modules/y/i.js")
                .file("index.js"));
        cases.put("lock-files", (t, n) -> t.packageJson(pkg(n, "")).file("package-lock.json", "{}").file("yarn.lock")
                .file("pnpm-lock.yaml").file("bun.lockb").file("npm-shrinkwrap.json", "{}").file("bun.lock")
                .file("sub/package-lock.json", "{}").file("sub/yarn.lock").file("index.js"));
        cases.put("deep-tree", (t, n) -> {
            t.packageJson(pkg(n, ""));
            StringBuilder p = new StringBuilder();
            for (int d = 0; d < 40; d++) {
                p.append("d").append(d).append('/');
                t.file(p + "f" + d + ".js");
            }
        });
        cases.put("hard-links", (t, n) -> t.packageJson(pkg(n, "")).file("a.js").hardLink("b.js", "a.js")
                .file("lib/c.js").hardLink("lib/z.js", "lib/c.js").hardLink("0.js", "lib/c.js"));
        cases.put("star-names-skipped", (t, n) -> t.packageJson(pkg(n, "")).file("a*b.js").file("ok.js")
                .file("we?ird:name.js").file("sp ace.js").file("back\\slash.js"));
        cases.put("files-empty-array", (t, n) -> t.packageJson(pkg(n, "\"files\": []")).file("index.js")
                .file("README").file("LICENSE.md"));
        cases.put("files-required-nested", (t, n) -> t.packageJson(pkg(n, "\"files\": [\"lib/deep/x.js\", \"lib/y.js\"]"))
                .file("lib/deep/.npmignore", "x.js\n").file("lib/deep/x.js").file("lib/.npmignore", "y.js\n")
                .file("lib/y.js").file("lib/z.js"));
        cases.put("odd-package-json", (t, n) -> t.packageJson("\uFEFF{\r\n\t\"name\": \"" + n
                + "\",\r\n\t\"version\": \"1.0.0\"\r\n}\r\n").file("index.js"));
        cases.put("sort-order", (t, n) -> {
            t.packageJson(pkg(n, ""));
            for (String f : List.of("a10.js", "a2.js", "A1.JS", "b.min.js", ".eslintrc", "Makefile", "_x.js", "-x.js",
                    "x.d.ts", "x.ts", "X.md", "1.txt", "10.txt", "9.txt", "lib/a.js", "lib/B.js", "lib/b.js",
                    "Lib2/a.js", "z", "Z", "a-b.js", "a_b.js", "a.b.js", "ab.js", "a b.js", "~tilde.js", "$dollar.js",
                    "tests/a.test.js", "src/index.mjs", "src/index.cjs", "types/index.d.mts")) {
                t.file(f);
            }
        });
        cases.put("ignore-reinclude-and-case", (t, n) -> t.packageJson(pkg(n, ""))
                .file(".npmignore", "lib/*\n!lib/keep.js\ndocs\n!docs/keep.md\nFOO.JS\n/top-only.txt\n[Tt]emp*/\n")
                .file("lib/a.js").file("lib/keep.js").file("docs/a.md").file("docs/keep.md").file("foo.js")
                .file("sub/foo.js").file("top-only.txt").file("sub/top-only.txt").file("temp1/x.js").file("Temp2/y")
                .file("temporary.js").dir("empty-dir"));
        cases.put("files-forms", (t, n) -> t.packageJson(pkg(n, """
                "files": ["/lib/", "src/**", "**/*.d.ts", "node_modules/x.js", "Docs", "cfg/*", ""]"""))
                .file("lib/a.js").file("src/x/y.ts").file("types/t.d.ts").file("deep/er/u.d.ts")
                .file("node_modules/x.js").file("docs/readme.md").file("cfg/a.json").file("cfg/sub/b.json")
                .file("other.js"));
        cases.put("symlinked-ignore-file", (t, n) -> t.packageJson(pkg(n, "")).file("rules.txt", "*.tmp\n")
                .symlink(".npmignore", "rules.txt").file("a.tmp").file("a.js").symlink("sub", "lib").file("lib/b.js"));
        cases.put("bundled-not-installed", (t, n) -> t.packageJson(pkg(n, """
                "dependencies": {"dep": "1.0.0"}, "bundleDependencies": true, "workspaces": []""")).file("index.js"));
        cases.put("pax-numbers-and-links", (t, n) -> t.packageJson(pkg(n, ""))
                .file("p".repeat(120) + "/a.js").hardLink("q".repeat(110) + ".js", "p".repeat(120) + "/a.js"));
    }

    private static String pkg(String name, String extra) {
        return "{\"name\": \"" + name + "\", \"version\": \"1.0.0\"" + (extra.isEmpty() ? "" : ", " + extra) + "}\n";
    }

    private static byte[] gunzip(Path tgz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(tgz)))) {
            return in.readAllBytes();
        }
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }
}
