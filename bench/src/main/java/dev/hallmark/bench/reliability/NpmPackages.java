package dev.hallmark.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * npm's side of the registry for the harness: an account token (the legacy {@code PUT /-/user/org.couchdb.user:…},
 * npm.md §8) and the body {@code npm publish} sends for one version (npm.md §4), with a tarball as npm pack makes it
 * ({@code package/package.json}, a README and an optional incompressible filler file).
 */
final class NpmPackages {
    static final String ABBREVIATED = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";

    private NpmPackages() {
    }

    /** Creates the user (open sign-up) and returns its bearer token. */
    static String token(URI base, String user) throws IOException {
        ObjectNode body = Json.object();
        body.put("_id", "org.couchdb.user:" + user);
        body.put("name", user);
        body.put("password", "password-of-" + user);
        body.put("email", user + "@example.invalid");
        body.put("type", "user");
        body.putArray("roles");
        try (RawHttp http = new RawHttp(base, 30_000)) {
            RawHttp.Reply r = http.exchange(RawHttp.request("PUT", base, "/-/user/org.couchdb.user:" + user,
                    "Content-Type: application/json\r\n", Json.write(body)), 64 * 1024);
            if (r.status() != 201 && r.status() != 200) {
                throw new IOException("sign-up answered " + r.status() + ": " + r.text());
            }
            JsonNode answer = Json.parse(r.body(), 64 * 1024);
            return answer.get("token").asText();
        } catch (dev.hallmark.core.FormatException e) {
            throw new IOException("sign-up answer is not JSON", e);
        }
    }

    /** The tarball of {@code name@version}; {@code fillerBytes} of random (incompressible) data make it that big. */
    static byte[] tarball(String name, String version, int readmeParagraphs, int fillerBytes, long seed) {
        String packageJson = "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"description\":"
                + "\"A package for the reliability campaign.\",\"main\":\"index.js\",\"license\":\"MIT\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out), "UTF-8")) {
            file(tar, "package/package.json", packageJson.getBytes(StandardCharsets.UTF_8));
            file(tar, "package/README.md", readme(name, readmeParagraphs).getBytes(StandardCharsets.UTF_8));
            if (fillerBytes > 0) {
                byte[] filler = new byte[fillerBytes];
                new Random(seed).nextBytes(filler);
                file(tar, "package/data.bin", filler);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String readme(String name, int paragraphs) {
        StringBuilder sb = new StringBuilder("# ").append(name).append("\n\n");
        for (int i = 0; i < paragraphs; i++) {
            sb.append("This paragraph stands in for the documentation a real package ships with its README.\n");
        }
        return sb.toString();
    }

    private static void file(TarArchiveOutputStream tar, String path, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(path);
        e.setSize(bytes.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /** The {@code PUT /<name>} body npm 11 sends for one version (readme included in the version document). */
    static byte[] publishBody(URI base, String name, String version, byte[] tgz, int readmeParagraphs) {
        ObjectNode body = Json.object();
        body.put("_id", name);
        body.put("name", name);
        body.put("description", "A package for the reliability campaign.");
        body.putObject("dist-tags").put("latest", version);
        ObjectNode doc = body.putObject("versions").putObject(version);
        doc.put("name", name);
        doc.put("version", version);
        doc.put("description", "A package for the reliability campaign.");
        doc.put("main", "index.js");
        doc.put("license", "MIT");
        doc.put("readme", readme(name, readmeParagraphs));
        doc.put("readmeFilename", "README.md");
        doc.put("_id", name + "@" + version);
        ObjectNode dist = doc.putObject("dist");
        dist.put("integrity", integrity(tgz));
        dist.put("shasum", sha1(tgz));
        dist.put("tarball", base + "/" + name + "/-/" + name + "-" + version + ".tgz");
        body.putNull("access");
        ObjectNode att = body.putObject("_attachments").putObject(name + "-" + version + ".tgz");
        att.put("content_type", "application/octet-stream");
        att.put("data", Base64.getEncoder().encodeToString(tgz));
        att.put("length", tgz.length);
        return Json.write(body);
    }

    static byte[] publishRequest(URI base, String token, String name, byte[] body) {
        return RawHttp.request("PUT", base, "/" + name, "Content-Type: application/json\r\nAuthorization: Bearer "
                + token + "\r\nnpm-command: publish\r\n", body);
    }

    static String integrity(byte[] tgz) {
        return "sha512-" + Base64.getEncoder().encodeToString(Digest.sha512(tgz).value().toArray());
    }

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
