package dev.hallmark.cli.publish;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The body of {@code PUT /<name>} as npm 11 sends it (npm.md §4): one version, one dist-tag, {@code access} (null
 * unless given), the tarball attachment in base64 and, with provenance, the Sigstore bundle as a JSON string under
 * {@code <name>-<version>.sigstore}. The version document is package.json with what npm adds: {@code _id},
 * {@code readme} and {@code dist} (integrity, shasum, tarball URL).
 */
public final class PublishDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String NO_README = "ERROR: No README data found!";

    private PublishDocument() {
    }

    /**
     * @param manifest package.json as packed (name and version already checked)
     * @param readme the package's README text, if it has one
     * @param bundle the provenance bundle JSON and its media type, if signed
     */
    public static ObjectNode build(URI registry, ObjectNode manifest, Optional<String> readme, byte[] tarball,
            String tag, Optional<String> access, Optional<SignedProvenance> bundle) {
        String name = manifest.get("name").asText();
        String version = manifest.get("version").asText();
        ObjectNode versionDocument = manifest.deepCopy();
        versionDocument.put("_id", name + "@" + version);
        versionDocument.put("readme", readme.orElse(NO_README));
        Digest sha512 = Digest.sha512(tarball);
        ObjectNode dist = versionDocument.putObject("dist");
        dist.put("integrity", "sha512-" + Base64.getEncoder().encodeToString(sha512.value().toArray()));
        dist.put("shasum", shasum(tarball));
        dist.put("tarball", registry.resolve(name + "/-/" + name + "-" + version + ".tgz").toString());

        ObjectNode body = JSON.objectNode();
        body.put("_id", name);
        body.put("name", name);
        if (manifest.hasNonNull("description")) {
            body.set("description", manifest.get("description"));
        }
        body.putObject("dist-tags").put(tag, version);
        body.putObject("versions").set(version, versionDocument);
        if (access.isPresent()) {
            body.put("access", access.get());
        } else {
            body.putNull("access");
        }
        ObjectNode attachments = body.putObject("_attachments");
        attachments.putObject(name + "-" + version + ".tgz")
                .put("content_type", "application/octet-stream")
                .put("data", Base64.getEncoder().encodeToString(tarball))
                .put("length", tarball.length);
        bundle.ifPresent(b -> attachments.putObject(name + "-" + version + ".sigstore")
                .put("content_type", b.mediaType())
                .put("data", b.json())
                .put("length", b.json().getBytes(StandardCharsets.UTF_8).length));
        return body;
    }

    /** npm's {@code dist.shasum}: hex SHA-1 of the tarball, kept for old clients beside the sha512 integrity. */
    static String shasum(byte[] tarball) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(tarball));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** A signed provenance bundle as the attachment carries it: its JSON text and its media type. */
    public record SignedProvenance(String json, String mediaType, long logIndex) {
    }
}
