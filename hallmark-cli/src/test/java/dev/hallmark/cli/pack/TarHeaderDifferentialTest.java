package dev.hallmark.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TarHeader} and the PAX entries of {@link TarWriter} against the Header and Pax classes of the node-tar that
 * the installed npm bundles, for random paths built to hit the edges no package tree reaches cheaply: total lengths
 * around 100 bytes, prefixes around 130 and 155 bytes, base names over 100 bytes, multi-byte characters straddling
 * every field boundary, long hard-link targets.
 */
class TarHeaderDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MTIME = 499162500L;

    private static final String SCRIPT = """
            const tarDir = process.argv[2];
            const { Header } = require(tarDir + '/dist/commonjs/header.js');
            const { Pax } = require(tarDir + '/dist/commonjs/pax.js');
            const fs = require('fs');
            const input = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
            const mtime = new Date(Number(process.argv[5]) * 1000);
            const out = input.map(({ path, linkpath, size }) => {
              const link = linkpath !== null;
              const h = new Header({ path, mode: 0o644, size, mtime, type: link ? 'Link' : 'File',
                                     linkpath: link ? linkpath : undefined });
              const needPax = h.encode();
              const pax = needPax ? new Pax({ path, mtime, size, linkpath: link ? linkpath : undefined }).encode() : null;
              return { needPax, block: h.block.toString('hex'), pax: pax && pax.toString('hex') };
            });
            fs.writeFileSync(process.argv[4], JSON.stringify(out));
            """;

    private static final String[] CHARS = {"a", "a", "a", "é", "日", "😀", "-", "b"};

    @Test
    void headersAndPaxEntriesEqualNodeTars(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        List<String> paths = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            boolean ascii = random.nextInt(3) > 0;
            StringBuilder p = new StringBuilder("package");
            int segments = 1 + random.nextInt(5);
            int budget = 60 + random.nextInt(220);
            for (int s = 0; s < segments; s++) {
                p.append('/');
                int length = 1 + random.nextInt(Math.max(1, budget / segments));
                String c = ascii ? "a" : CHARS[random.nextInt(CHARS.length)];
                for (int k = 0; k < length; k++) {
                    p.append(!ascii && random.nextInt(4) == 0 ? CHARS[random.nextInt(CHARS.length)] : c);
                }
            }
            paths.add(p.toString());
            links.add(random.nextInt(5) == 0 ? "package/" + "t".repeat(random.nextInt(130)) + "/x.js" : null);
        }
        ArrayNode input = JSON.createArrayNode();
        for (int i = 0; i < paths.size(); i++) {
            ObjectNode c = input.addObject();
            c.put("path", paths.get(i));
            c.put("linkpath", links.get(i));
            c.put("size", links.get(i) != null ? 0 : i * 37L);
        }
        Path in = dir.resolve("in.json");
        Path out = dir.resolve("out.json");
        Path script = dir.resolve("header.js");
        Files.writeString(in, JSON.writeValueAsString(input));
        Files.writeString(script, SCRIPT);
        NodeTools node = new NodeTools(dir.resolve("node"));
        NodeTools.Result r = node.run(dir, List.of("node", script.toString(), node.npmModule("tar").toString(),
                in.toString(), out.toString(), Long.toString(MTIME)));
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode expected = JSON.readTree(Files.readString(out));

        HexFormat hex = HexFormat.of();
        int paxCount = 0;
        for (int i = 0; i < paths.size(); i++) {
            JsonNode e = expected.get(i);
            String link = links.get(i);
            long size = link != null ? 0 : i * 37L;
            TarHeader.Encoded ours = TarHeader.encode(paths.get(i), 0644, size, MTIME, link != null ? '1' : '0', link);
            assertThat(ours.needsPax()).as(paths.get(i)).isEqualTo(e.get("needPax").asBoolean());
            assertThat(hex.formatHex(ours.block())).as(paths.get(i)).isEqualTo(e.get("block").asText());
            if (ours.needsPax()) {
                paxCount++;
                assertThat(hex.formatHex(TarWriter.paxEntry(paths.get(i), link, size, MTIME)))
                        .as("PAX for " + paths.get(i)).isEqualTo(e.get("pax").asText());
            }
        }
        assertThat(paxCount).as("paths needing PAX").isBetween(paths.size() / 4, paths.size() * 3 / 4);
    }
}
