package dev.hallmark.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.oidc.FederatedTokenVerifier;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.x509.Certificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes the committed seed corpus, {@code bench/fuzz/<target>/seed-*}: a few small inputs per target, generated or
 * cut from {@code ../shared/vectors} (only the small bundles are taken whole, minified; certificates are the DER of
 * one vector's leaf). Run once by hand ({@code java -cp bench/target/benchmarks.jar dev.hallmark.bench.fuzz.SeedCorpus
 * bench/fuzz}); the fuzzer's own corpus grows in a scratch directory, not here. Targets that read a mode from the
 * input take it from the last byte (Jazzer's {@code FuzzedDataProvider} reads numbers from the end).
 */
public final class SeedCorpus {
    private SeedCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/fuzz");
        Path vectors = Path.of(System.getProperty("hallmark.shared", "../shared"), "vectors");
        json(out.resolve("json"));
        bundle(out.resolve("bundle"), vectors.resolve("conformance/bundle-verify"));
        certificate(out.resolve("certificate"), vectors.resolve("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json"));
        jwt(out.resolve("jwt"));
        note(out.resolve("note"));
        publish(out.resolve("publish"));
        tarball(out.resolve("tarball"));
        rekor(out.resolve("rekor"), vectors.resolve("java/rekor-response/valid"));
        tuf(out.resolve("tuf"), vectors);
        System.out.println("seeds written under " + out);
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("seed-" + name), bytes);
    }

    private static byte[] withMode(byte[] data, int mode) {
        byte[] b = java.util.Arrays.copyOf(data, data.length + 1);
        b[data.length] = (byte) mode;
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void json(Path dir) throws IOException {
        write(dir, "object", withMode(utf8("{\"mediaType\":\"application/json\",\"n\":-1.5e3,\"big\":12345678901234567890,"
                + "\"list\":[true,false,null,{\"k\":\"\\u00e9\\ud83d\\ude00\"}],\"time\":\"2024-03-19T17:26:26Z\","
                + "\"b64\":\"aGFsbG1hcms=\",\"hex\":\"0a1b\",\"int64\":\"42\"}"), 0));
        write(dir, "nested", withMode(utf8("[[[[[[[[{\"a\":[[[1]]]}]]]]]]]]"), 3));
    }

    private static void bundle(Path dir, Path cases) throws Exception {
        for (String name : new String[] {"managed-key-happy-path", "managed-key-and-trusted-root",
                "bundle-empty-certificate-chain_fail"}) {
            byte[] json = Files.readAllBytes(cases.resolve(name).resolve("bundle.sigstore.json"));
            write(dir, name, Json.write(Json.parse(json, 1 << 20)));
        }
    }

    private static void certificate(Path dir, Path bundle) throws Exception {
        JsonNode b = Json.parse(Files.readAllBytes(bundle), 1 << 20);
        byte[] der = Base64.getDecoder().decode(b.path("verificationMaterial").path("certificate").path("rawBytes").asText());
        write(dir, "fulcio-leaf.der", withMode(der, 0));
        write(dir, "fulcio-leaf.pem", withMode(utf8(Certificates.toPem(Certificates.parseDer(Bytes.of(der)))), 1));
    }

    private static void jwt(Path dir) throws IOException {
        ObjectNode claims = Json.object();
        long now = JwtFuzz.NOW.getEpochSecond();
        claims.put("iss", JwtFuzz.ISSUER);
        claims.put("aud", "sigstore");
        for (String claim : FederatedTokenVerifier.requiredClaims(IssuerType.GITHUB_WORKFLOW)) {
            claims.put(claim, claim.equals("sub") ? "repo:acme/app:ref:refs/heads/main" : "acme-" + claim);
        }
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 600);
        byte[] claimsJson = Json.write(claims);
        write(dir, "signed-claims", withMode(claimsJson, 1));
        write(dir, "whole-token", withMode(utf8(JwtFuzz.signed(claimsJson)), 0));
    }

    private static void note(Path dir) throws Exception {
        NoteSigner log = NoteSigner.of("log.example", Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256));
        Checkpoint cp = new Checkpoint("log.example", 5, Bytes.of(new byte[32]));
        write(dir, "signed-checkpoint", withMode(utf8(log.signNote(cp.toNoteText()).serialize()), 0));
        write(dir, "checkpoint-text", withMode(utf8(cp.toNoteText()), 1));
        write(dir, "vkey", withMode(utf8("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"), 2));
    }

    private static void publish(Path dir) throws IOException {
        byte[] tgz = tgz(new String[] {"package/package.json", "{\"name\":\"seed-pkg\",\"version\":\"1.0.0\"}",
                "package/index.js", "module.exports = 42;\n"});
        ObjectNode body = Json.object();
        body.put("_id", "seed-pkg");
        body.put("name", "seed-pkg");
        body.putObject("dist-tags").put("latest", "1.0.0");
        ObjectNode doc = body.putObject("versions").putObject("1.0.0");
        doc.put("name", "seed-pkg");
        doc.put("version", "1.0.0");
        doc.putObject("dist").put("tarball", "http://registry.test/seed-pkg/-/seed-pkg-1.0.0.tgz");
        body.put("access", "public");
        ObjectNode att = body.putObject("_attachments").putObject("seed-pkg-1.0.0.tgz");
        att.put("content_type", "application/octet-stream");
        att.put("data", Base64.getEncoder().encodeToString(tgz));
        att.put("length", tgz.length);
        write(dir, "publish", Json.write(body));
    }

    private static void tarball(Path dir) throws IOException {
        write(dir, "package", tgz(new String[] {"package/package.json",
                "{\"name\":\"seed-pkg\",\"version\":\"1.0.0\",\"main\":\"lib/index.js\"}", "package/lib/index.js",
                "module.exports = 42;\n", "package/README.md", "# seed-pkg\n"}));
        write(dir, "long-path", tgz(new String[] {"package/package.json", "{\"name\":\"seed-pkg\",\"version\":\"1.0.1\"}",
                "package/" + "deep/".repeat(30) + "file-with-a-long-name-beyond-one-hundred-characters.js", "x\n"}));
    }

    private static void rekor(Path dir, Path responses) throws Exception {
        write(dir, "v1-entry", withMode(Json.write(Json.parse(Files.readAllBytes(responses.resolve("entry.json")), 1 << 20)), 0));
        write(dir, "v2-entry", withMode(Json.write(Json.parse(Files.readAllBytes(responses.resolve("entry-v2.json")), 1 << 20)), 1));
    }

    private static void tuf(Path dir, Path vectors) throws Exception {
        byte[] snapshot = Files.readAllBytes(vectors.resolve("tuf/public-good/metadata/snapshot.json"));
        write(dir, "snapshot", withMode(Json.write(Json.parse(snapshot, 1 << 20)), 2));
        // the production trusted root cut to one entry per list: a few KB instead of 7
        ObjectNode root = Json.parseObject(Files.readAllBytes(vectors.resolve("conformance/trusted_root.production.json")), 1 << 20);
        for (String list : new String[] {"tlogs", "certificateAuthorities", "ctlogs", "timestampAuthorities"}) {
            if (root.get(list) instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
                while (a.size() > 1) {
                    a.remove(a.size() - 1);
                }
            }
        }
        write(dir, "trusted-root", withMode(Json.write(root), 4));
    }

    /** A gzipped tar of path/content pairs, as npm pack writes it. */
    static byte[] tgz(String[] pathsAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out), "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                byte[] content = utf8(pathsAndContents[i + 1]);
                TarArchiveEntry e = new TarArchiveEntry(pathsAndContents[i]);
                e.setSize(content.length);
                e.setMode(0644);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
