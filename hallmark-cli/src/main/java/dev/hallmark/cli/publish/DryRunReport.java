package dev.hallmark.cli.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;

/** What {@code hallmark publish --dry-run} shows: npm's "Tarball Contents" and "Tarball Details", and the statement. */
final class DryRunReport {
    private DryRunReport() {
    }

    static void print(PrintWriter out, PackedPackage packed, URI registry, String tag, Optional<ObjectNode> statement,
            boolean json) {
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(Digest.sha512(packed.tarball()).value().toArray());
        String filename = packed.name().replaceFirst("^@", "").replace('/', '-') + "-" + packed.version() + ".tgz";
        if (json) {
            ObjectNode report = new ObjectMapper().createObjectNode();
            report.put("id", packed.name() + "@" + packed.version()).put("name", packed.name())
                    .put("version", packed.version()).put("registry", registry.toString()).put("tag", tag)
                    .put("filename", filename).put("size", packed.tarball().length)
                    .put("unpackedSize", packed.unpackedSize())
                    .put("shasum", PublishDocument.shasum(packed.tarball())).put("integrity", integrity)
                    .put("entryCount", packed.files().size());
            ArrayNode files = report.putArray("files");
            packed.files().forEach(f -> files.addObject().put("path", f.path()).put("size", f.size()));
            statement.ifPresentOrElse(s -> report.set("provenanceStatement", s), () -> report.putNull("provenanceStatement"));
            out.println(report.toPrettyString());
            return;
        }
        out.println("package: " + packed.name() + "@" + packed.version());
        out.println("Tarball Contents");
        packed.files().forEach(f -> out.println(String.format("%8s %s", size(f.size()), f.path())));
        out.println("Tarball Details");
        out.println("name:          " + packed.name());
        out.println("version:       " + packed.version());
        out.println("filename:      " + filename);
        out.println("package size:  " + size(packed.tarball().length));
        out.println("unpacked size: " + size(packed.unpackedSize()));
        out.println("shasum:        " + PublishDocument.shasum(packed.tarball()));
        out.println("integrity:     " + integrity);
        out.println("total files:   " + packed.files().size());
        out.println("Publishing to " + registry + " with tag " + tag + " (dry-run)");
        statement.ifPresent(s -> out.println("Provenance statement that would be signed:\n" + s.toPrettyString()));
    }

    /** npm's sizes: decimal units, one decimal from kB up. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        String[] units = {"kB", "MB", "GB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f%s", value, units[unit]);
    }
}
