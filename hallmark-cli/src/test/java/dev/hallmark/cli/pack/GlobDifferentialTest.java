package dev.hallmark.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Glob} and {@link BraceExpansion} against the minimatch that the installed npm bundles, on thousands of random
 * patterns and paths in one {@code node} run: the negation flag, ignore-walk's "relative rule" flag, the brace
 * expansion, and {@code match(path)} and {@code match(path, partial)} must all be equal. Patterns this implementation
 * refuses (extglobs and the like) are counted and must stay rare.
 */
class GlobDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SCRIPT = """
            const mm = require(process.argv[2]);
            const fs = require('fs');
            const input = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
            const opts = { matchBase: true, dot: true, flipNegate: true, nocase: true };
            const out = input.map(({ pattern, body, paths }) => {
              let braces = null;
              try { braces = mm.braceExpand(body) } catch (e) { braces = null }
              try {
                const rule = new mm.Minimatch(pattern, opts);
                const relative = rule.globParts.some(part => part.length <= (part.slice(-1)[0] ? 1 : 2));
                const results = paths.map(p => [rule.match(p), rule.match(p, true)]);
                return { negate: rule.negate, relative, results, braces };
              } catch (e) {
                return { error: String(e), braces };
              }
            });
            fs.writeFileSync(process.argv[4], JSON.stringify(out));
            """;

    private static final String[] PIECES = {
        "a", "b", "A", "B", "x", "é", "É", "ſ", "s", "K", "\u212A", "1", "2", ".", "-", "_", "~", "$",
        "*", "*", "?", "??", "**", "/", "/", "/", "[a-c]", "[!a]", "[^.]", "[]a]", "[z-a]", "[a-]", "[[:alpha:]]",
        "[[:upper:]]", "[[:digit:]]", "[[:xdigit:]]", "[", "]", "{a,b}", "{1..3}", "{a..c}", "{,x}", "{b}", "{x,{y,z}}",
        "\\*", "\\", "\\a", "\\{", "!", "./", "../", "..", "*.js", ".*", "*.*", "readme", "README", "{,.*[^~$]}", "$}",
        "#", " ", "@", "+", "(",
    };
    private static final String[] NAMES = {
        "a", "b", "A", "ab", "a.js", "A.JS", "b.md", ".x", ".git", "readme", "README.md", "readme.md~", "é", "É",
        "s", "S", "ſ", "k", "K", "1", "12", "x y", "a-b", "[a]", "*", "{a,b}", "node_modules", "lib", "x.min.js",
        "..a", "a.", "~", "$", ".", "..",
    };

    @Test
    void globsMatchAsNpmsMinimatchDoes(@TempDir Path dir) throws Exception {
        NodeTools node = new NodeTools(dir);
        Random random = new Random(20240611L);
        List<String> patterns = new ArrayList<>(List.of(
                "!/readme{,.*[^~$]}", "/node_modules", "**/.git/**", "*.orig", "._*", "**/._*/**", ".*.swp",
                "/.wafpickle-*", "/build/config.gypi", "!lib/**", "!/lib", "!lib/", "*", "!", "!!a", "a/**/b/**/c",
                "**/a/b/c/**/d/**", "/**", "!/**", "a/**", "**", "a/*/", "x/../y", "{}", "{,}", "a{b}c", "${a,b}",
                "{a},b}", "a\\\\b{c,d}", "\\{a,b}", "[[:alpha:]]x", "?.js", "??", "*.JS", "[.]x*", "..?"));
        while (patterns.size() < 3000) {
            StringBuilder p = new StringBuilder();
            if (random.nextInt(5) == 0) {
                p.append('!');
            }
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                p.append(PIECES[random.nextInt(PIECES.length)]);
            }
            patterns.add(p.toString());
        }
        ArrayNode input = JSON.createArrayNode();
        List<List<String>> pathsFor = new ArrayList<>();
        for (String pattern : patterns) {
            List<String> paths = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                paths.add(instantiate(pattern, random));
            }
            for (int k = 0; k < 8; k++) {
                StringBuilder f = new StringBuilder(random.nextInt(3) == 0 ? "/" : "");
                int segments = 1 + random.nextInt(4);
                for (int s = 0; s < segments; s++) {
                    if (s > 0) {
                        f.append('/');
                    }
                    f.append(NAMES[random.nextInt(NAMES.length)]);
                }
                if (random.nextInt(4) == 0) {
                    f.append('/');
                }
                paths.add(f.toString());
            }
            pathsFor.add(paths);
            ObjectNode c = input.addObject();
            c.put("pattern", pattern);
            c.put("body", pattern.replaceFirst("^!+", ""));
            ArrayNode ps = c.putArray("paths");
            paths.forEach(ps::add);
        }
        Path in = dir.resolve("in.json");
        Path out = dir.resolve("out.json");
        Files.writeString(in, JSON.writeValueAsString(input));
        Path script = dir.resolve("glob.js");
        Files.writeString(script, SCRIPT);
        NodeTools.Result r = node.run(dir, List.of("node", script.toString(), node.npmModule("minimatch").toString(),
                in.toString(), out.toString()));
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode expected = JSON.readTree(Files.readString(out));

        int refused = 0;
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            JsonNode e = expected.get(i);
            Glob glob;
            try {
                glob = Glob.compile(pattern);
            } catch (PackException ex) {
                assertThat(ex.reason()).isEqualTo(PackException.Reason.UNSUPPORTED_PATTERN);
                refused++;
                continue;
            }
            if (e.has("error")) {
                mismatches.add(pattern + ": minimatch failed (" + e.get("error").asText() + ") but Glob compiled");
                continue;
            }
            try {
                List<String> braces = BraceExpansion.expand(pattern.replaceFirst("^!+", ""));
                List<String> expectedBraces = new ArrayList<>();
                e.get("braces").forEach(b -> expectedBraces.add(b.asText()));
                if (!braces.equals(expectedBraces)) {
                    mismatches.add(pattern + ": braces " + braces + " != " + expectedBraces);
                }
            } catch (PackException ex) {
                mismatches.add(pattern + ": brace expansion refused but the glob compiled");
            }
            if (glob.negate() != e.get("negate").asBoolean()) {
                mismatches.add(pattern + ": negate");
            }
            if (glob.relative() != e.get("relative").asBoolean()) {
                mismatches.add(pattern + ": relative");
            }
            List<String> paths = pathsFor.get(i);
            for (int k = 0; k < paths.size(); k++) {
                JsonNode pair = e.get("results").get(k);
                compared += 2;
                if (glob.matches(paths.get(k)) != pair.get(0).asBoolean()) {
                    mismatches.add(pattern + " vs " + paths.get(k) + ": expected " + pair.get(0).asBoolean());
                }
                if (glob.matches(paths.get(k), true) != pair.get(1).asBoolean()) {
                    mismatches.add(pattern + " vs " + paths.get(k) + " (partial): expected " + pair.get(1).asBoolean());
                }
            }
        }
        int trues = 0;
        for (JsonNode e : expected) {
            for (JsonNode pair : e.path("results")) {
                trues += (pair.get(0).asBoolean() ? 1 : 0) + (pair.get(1).asBoolean() ? 1 : 0);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared).isGreaterThan(90_000);
        assertThat(trues).as("matching cases").isGreaterThan(compared / 5);
        assertThat(refused).as("refused patterns").isLessThan(patterns.size() / 20);
    }

    /** A path the pattern plausibly matches: wildcards filled in, one brace alternative taken, case flipped here and there. */
    private static String instantiate(String pattern, Random random) {
        String p = pattern.replaceFirst("^!+", "");
        StringBuilder out = new StringBuilder(random.nextInt(4) == 0 ? "lib/" : "");
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (p.startsWith("**", i)) {
                int n = random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    out.append(k == 0 ? "" : "/").append(NAMES[random.nextInt(NAMES.length)]);
                }
                i++;
            } else if (c == '*') {
                out.append(new String[] {"", "a", "x.js", "B", "é"}[random.nextInt(5)]);
            } else if (c == '?') {
                out.append("aZ.é1".charAt(random.nextInt(5)));
            } else if (c == '\\' && i + 1 < p.length()) {
                out.append(p.charAt(++i));
            } else if (c == '[' && p.indexOf(']', i + 2) > 0) {
                int end = p.indexOf(']', i + 2);
                String inside = p.substring(i + 1, end).replaceAll("[!^:\\-]", "");
                out.append(inside.isEmpty() ? "a" : String.valueOf(inside.charAt(random.nextInt(inside.length()))));
                i = end;
            } else if (c == '{' && p.indexOf('}', i) > 0) {
                int end = p.indexOf('}', i);
                String[] options = p.substring(i + 1, end).split(",", -1);
                out.append(options[random.nextInt(options.length)].replace("{", "").replace("..", ""));
                i = end;
            } else if (Character.isLetter(c) && random.nextInt(3) == 0) {
                out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            } else {
                out.append(c);
            }
        }
        if (random.nextInt(4) == 0) {
            out.append('/');
        }
        return out.toString();
    }
}
