package dev.hallmark.bench.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The packages the registry scale run stores: names, package.json, npm-pack-like tarballs and the version document and
 * {@code PUT} body npm sends (npm.md §4), so the same bytes go through a real publish and through the bulk fill.
 * Package {@code i} has the keywords {@code bench}, {@code grp<i % 100>x} (one package in a hundred shares it) and
 * {@code kw<i>x} (its own), which is what the search figures look for.
 */
public final class NpmFixture {
    public static final String USER = "bench";
    public static final String EMAIL = "bench@example.invalid";
    public static final String PASSWORD = "bench-password-not-secret";
    private static final long NPM_MTIME = 499_162_500_000L; // 1985-10-26T08:15:00Z, as npm pack writes
    private static final String README = "# fixture\n\n" + "This paragraph stands in for the documentation a real"
            + " package ships with its README; npm sends it in every version document.\n".repeat(6);

    private NpmFixture() {
    }

    /** One package: its name, its index (for keywords) and how many versions it has. */
    record Spec(String name, int index, int versions) {
    }

    public static String name(int i) {
        return "scale-pkg-" + i;
    }

    /** 1 to 5 versions, 3 on average. */
    static int versionCount(int i) {
        return 1 + i % 5;
    }

    public static String version(int k) {
        return "1." + k + ".0";
    }

    /** A package's tarball and the facts the registry derives from it. */
    public record Tarball(byte[] tgz, String integrity, String shasum, String sha512Hex, int fileCount,
            long unpackedSize) {
    }

    public static ObjectNode packageJson(String name, String version, int index) {
        ObjectNode p = Json.object();
        p.put("name", name);
        p.put("version", version);
        p.put("description", "Scale fixture package " + index + " for the registry benchmark.");
        p.put("main", "index.js");
        p.put("license", "MIT");
        p.putArray("keywords").add("bench").add("grp" + (index % 100) + "x").add("kw" + index + "x");
        p.putObject("author").put("name", "Bench").put("email", EMAIL);
        p.putObject("repository").put("type", "git").put("url", "git+https://example.invalid/bench/" + name + ".git");
        p.putObject("dependencies").put("left-pad", "^1.3.0").put("ms", "^2.1.3");
        p.putObject("engines").put("node", ">=18");
        return p;
    }

    public static Tarball tarball(ObjectNode packageJson) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/package.json", Json.writePretty(packageJson));
        files.put("package/index.js", utf8("module.exports = function add(a, b) {\n  return a + b;\n};\n"));
        files.put("package/README.md", utf8(README));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        long unpacked = 0;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(0644);
                e.setModTime(NPM_MTIME);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
                unpacked += f.getValue().length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] tgz = out.toByteArray();
        Digest sha512 = Digest.sha512(tgz);
        return new Tarball(tgz, "sha512-" + Base64.getEncoder().encodeToString(sha512.value().toArray()),
                HexFormat.of().formatHex(sha1(tgz)), sha512.hex(), files.size(), unpacked);
    }

    /** The version document npm sends: package.json plus readme, ids, tool versions and {@code dist}. */
    public static ObjectNode versionDocument(ObjectNode packageJson, Tarball t, String registryUrl) {
        String name = packageJson.get("name").asText();
        String version = packageJson.get("version").asText();
        ObjectNode doc = packageJson.deepCopy();
        doc.put("readme", README);
        doc.put("readmeFilename", "README.md");
        doc.put("_id", name + "@" + version);
        doc.put("_nodeVersion", "20.19.2");
        doc.put("_npmVersion", "11.4.2");
        ObjectNode dist = doc.putObject("dist");
        dist.put("integrity", t.integrity());
        dist.put("shasum", t.shasum());
        dist.put("tarball", registryUrl + "/" + name + "/-/" + name + "-" + version + ".tgz");
        return doc;
    }

    /** What the registry stores for that document (Registry.storedDocument): without dist, with the publisher. */
    static String storedManifest(ObjectNode versionDocument) {
        ObjectNode doc = versionDocument.deepCopy();
        doc.remove("dist");
        doc.putObject("_npmUser").put("name", USER).put("email", EMAIL);
        return new String(Json.write(doc), StandardCharsets.UTF_8);
    }

    /** The body of {@code PUT /<name>} that publishes one version with the {@code latest} tag. */
    public static byte[] publishBody(ObjectNode versionDocument, Tarball t) {
        String name = versionDocument.get("name").asText();
        String version = versionDocument.get("version").asText();
        ObjectNode body = Json.object();
        body.put("_id", name);
        body.put("name", name);
        body.put("description", versionDocument.path("description").asText());
        body.putObject("dist-tags").put("latest", version);
        body.putObject("versions").set(version, versionDocument);
        body.putNull("access");
        ObjectNode a = body.putObject("_attachments").putObject(name + "-" + version + ".tgz");
        a.put("content_type", "application/octet-stream");
        a.put("data", Base64.getEncoder().encodeToString(t.tgz()));
        a.put("length", t.tgz().length);
        return Json.write(body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
