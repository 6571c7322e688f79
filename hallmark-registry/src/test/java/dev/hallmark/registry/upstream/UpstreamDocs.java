package dev.hallmark.registry.upstream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.pkg.PackageName;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** Upstream packuments shaped like npmjs's full documents (npm.md §2.1), for a given upstream base URL. */
final class UpstreamDocs {
    private UpstreamDocs() {
    }

    static String integrity(byte[] tgz) {
        return "sha512-" + Base64.getEncoder().encodeToString(Digest.sha512(tgz).value().toArray());
    }

    static String shasum(byte[] tgz) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tgz));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw path the upstream serves a package under: {@code /name} or {@code /@scope%2fname}. */
    static String path(String name) {
        return "/" + escaped(name);
    }

    private static String escaped(String name) {
        try {
            return PackageName.parse(name).escaped();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The raw path of a version's tarball on the upstream, npmjs's form. */
    static String tarballPath(String name, String version) {
        String unscoped = name.substring(name.indexOf('/') + 1);
        return "/" + name + "/-/" + unscoped + "-" + version + ".tgz";
    }

    /**
     * A full packument with the versions in the given order (the last is {@code latest}), each with everything npmjs
     * puts in {@code dist}: integrity, shasum, tarball, fileCount, unpackedSize, signatures and attestations.
     */
    static ObjectNode packument(URI base, String name, Map<String, byte[]> versions) {
        ObjectNode doc = Json.object();
        doc.put("_id", name);
        doc.put("_rev", "7-0123456789abcdef");
        doc.put("name", name);
        doc.put("description", "upstream package " + name);
        ObjectNode tags = doc.putObject("dist-tags");
        ObjectNode all = doc.putObject("versions");
        ObjectNode time = doc.putObject("time");
        time.put("created", "2020-01-01T00:00:00.000Z");
        int minute = 0;
        for (Map.Entry<String, byte[]> v : versions.entrySet()) {
            String version = v.getKey();
            byte[] tgz = v.getValue();
            ObjectNode manifest = all.putObject(version);
            manifest.put("name", name);
            manifest.put("version", version);
            manifest.put("_id", name + "@" + version);
            manifest.put("main", "index.js");
            manifest.putObject("dependencies");
            manifest.putObject("scripts").put("test", "node test.js");
            manifest.putObject("_npmUser").put("name", "upstream-user").put("email", "u@example.com");
            ObjectNode dist = manifest.putObject("dist");
            dist.put("integrity", integrity(tgz));
            dist.put("shasum", shasum(tgz));
            dist.put("tarball", base + tarballPath(name, version));
            dist.put("fileCount", 2);
            dist.put("unpackedSize", 123);
            ArrayNode signatures = dist.putArray("signatures");
            signatures.addObject().put("keyid", "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA")
                    .put("sig", "MEUCIQDxO/upstream-signature-" + version);
            ObjectNode attestations = dist.putObject("attestations");
            attestations.put("url", base + "/-/npm/v1/attestations/" + name + "@" + version);
            attestations.putObject("provenance").put("predicateType", "https://slsa.dev/provenance/v1");
            time.put(version, String.format("2020-01-01T00:%02d:00.000Z", ++minute));
            tags.put("latest", version);
        }
        time.put("modified", String.format("2020-01-01T00:%02d:00.000Z", minute));
        doc.putArray("maintainers").addObject().put("name", "upstream-user").put("email", "u@example.com");
        doc.put("readme", "# " + name);
        doc.put("license", "MIT");
        return doc;
    }
}
