package dev.hallmark.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NpmCollation} against V8 on the installed node: for random pairs of path-like strings over many scripts
 * (with combining marks, ignorable controls, digits and punctuation), the sign of {@code localeCompare(b, 'en')}, of
 * npm-packlist's sort function and of npm's listing order must agree.
 */
class NpmCollationDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SCRIPT = """
            const { extname, basename } = require('path');
            const fs = require('fs');
            const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
            const packlist = (a, b) => {
              const exta = extname(a).toLowerCase(), extb = extname(b).toLowerCase();
              const basea = basename(a).toLowerCase(), baseb = basename(b).toLowerCase();
              return exta.localeCompare(extb, 'en') || basea.localeCompare(baseb, 'en') || a.localeCompare(b, 'en');
            };
            const coll = new Intl.Collator('en', { sensitivity: 'case', numeric: true });
            const isUpper = s => { const ch = s.charAt(0); return ch === ch.toUpperCase(); };
            const listing = (a, b) => isUpper(a) !== isUpper(b) ? (isUpper(a) ? -1 : 1) : coll.compare(a, b);
            const out = input.map(([a, b]) => [Math.sign(a.localeCompare(b, 'en')), Math.sign(packlist(a, b)),
                                               Math.sign(listing(a, b))]);
            fs.writeFileSync(process.argv[3], JSON.stringify(out));
            """;

    private static final String[] PIECES = {
        "a", "A", "b", "B", "z", "Z", "0", "1", "9", "10", "2", ".", ".", "/", "-", "_", " ", "~", "$", "@", "#", "(",
        "é", "É", "e\u0301", "ß", "ss", "ſ", "ø", "Å", "æ", "日本", "한", "😀", "Σ", "σ", "ς", "Ж", "ж", "ع", "ש",
        "\u200D", "\u00A0", "\u0001", "ı", "İ", "ǅ", "Ω", "ω", "js", ".js", ".JS", ".d.ts", "readme", "README",
    };

    @Test
    void ordersAgreeWithV8(@TempDir Path dir) throws Exception {
        Random random = new Random(99);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String a = randomPath(random);
            String b = random.nextInt(4) == 0 ? mutate(a, random) : randomPath(random);
            pairs.add(new String[] {a, b});
        }
        Path in = dir.resolve("in.json");
        Path out = dir.resolve("out.json");
        Path script = dir.resolve("collate.js");
        Files.writeString(in, JSON.writeValueAsString(pairs));
        Files.writeString(script, SCRIPT);
        NodeTools.Result r = new NodeTools(dir.resolve("node")).run(dir,
                List.of("node", script.toString(), in.toString(), out.toString()));
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode expected = JSON.readTree(Files.readString(out));
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            JsonNode e = expected.get(i);
            int[] ours = {Integer.signum(NpmCollation.localeCompare(a, b)),
                Integer.signum(NpmCollation.PACKLIST.compare(a, b)), Integer.signum(NpmCollation.LISTING.compare(a, b))};
            for (int k = 0; k < 3; k++) {
                if (ours[k] != e.get(k).asInt()) {
                    mismatches.add(List.of("localeCompare", "packlist", "listing").get(k) + ": " + JSON.writeValueAsString(pairs.get(i))
                            + " expected " + e.get(k).asInt() + " got " + ours[k]);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static String randomPath(Random random) {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static String mutate(String a, Random random) {
        String piece = PIECES[random.nextInt(PIECES.length)];
        int at = random.nextInt(a.length() + 1);
        if (at > 0 && at < a.length() && Character.isLowSurrogate(a.charAt(at))) {
            at--;
        }
        return a.substring(0, at) + piece + a.substring(at);
    }
}
