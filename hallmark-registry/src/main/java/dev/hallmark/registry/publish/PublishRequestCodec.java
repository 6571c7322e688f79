package dev.hallmark.registry.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the body of {@code PUT /<name>} when it publishes (npm.md §4, from libnpmpublish): exactly one version, exactly
 * one dist-tag pointing at it, the tarball attachment {@code <name>-<version>.tgz} in base64 whose {@code length} is
 * its byte length, and optionally {@code <name>-<version>.sigstore} carrying the bundle JSON as a string. Anything else
 * in {@code _attachments} is refused, so nothing unchecked is ever stored.
 */
public final class PublishRequestCodec {
    private PublishRequestCodec() {
    }

    /** Whether a {@code PUT /<name>} body publishes (has attachments) rather than edits metadata. */
    public static boolean isPublish(ObjectNode body) {
        JsonNode attachments = body.get("_attachments");
        return attachments != null && attachments.isObject() && !attachments.isEmpty();
    }

    public static PublishRequest parse(ObjectNode body, long maxTarballBytes) throws FormatException {
        String name = Json.requireNonEmptyText(body, "name");
        Optional<String> id = Json.optionalText(body, "_id");
        if (id.isPresent() && !id.get().equals(name)) {
            throw new FormatException("_id and name differ");
        }
        ObjectNode versions = Json.requireObject(body, "versions");
        if (versions.size() != 1) {
            throw new FormatException("a publish carries exactly one version, this one has " + versions.size());
        }
        Map.Entry<String, JsonNode> only = versions.properties().iterator().next();
        String version = only.getKey();
        if (!only.getValue().isObject()) {
            throw new FormatException("versions." + version + " must be an object");
        }
        ObjectNode document = (ObjectNode) only.getValue();
        if (!name.equals(Json.requireText(document, "name")) || !version.equals(Json.requireText(document, "version"))) {
            throw new FormatException("versions." + version + " names another package or version");
        }
        ObjectNode tags = Json.requireObject(body, "dist-tags");
        if (tags.size() != 1) {
            throw new FormatException("a publish sets exactly one dist-tag, this one sets " + tags.size());
        }
        Map.Entry<String, JsonNode> tag = tags.properties().iterator().next();
        if (!tag.getValue().isTextual() || !tag.getValue().asText().equals(version)) {
            throw new FormatException("dist-tags." + tag.getKey() + " must name the published version " + version);
        }
        Optional<String> access = body.hasNonNull("access") ? Optional.of(Json.requireText(body, "access"))
                : Optional.empty();
        if (access.isPresent() && !access.get().equals("public") && !access.get().equals("restricted")) {
            throw new FormatException("access must be public or restricted");
        }

        ObjectNode attachments = Json.requireObject(body, "_attachments");
        Bytes tarball = null;
        Optional<Bytes> bundle = Optional.empty();
        String base = name + "-" + version;
        for (Iterator<Map.Entry<String, JsonNode>> it = attachments.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attachment = it.next();
            if (!attachment.getValue().isObject()) {
                throw new FormatException("attachment " + attachment.getKey() + " must be an object");
            }
            ObjectNode a = (ObjectNode) attachment.getValue();
            if (attachment.getKey().equals(base + ".tgz")) {
                tarball = tarball(a, maxTarballBytes);
            } else if (attachment.getKey().equals(base + ".sigstore")) {
                String json = Json.requireText(a, "data");
                bundle = Optional.of(Bytes.of(json.getBytes(StandardCharsets.UTF_8)));
            } else {
                throw new FormatException("unexpected attachment " + attachment.getKey() + " (want " + base + ".tgz)");
            }
        }
        if (tarball == null) {
            throw new FormatException("missing tarball attachment " + base + ".tgz");
        }
        return new PublishRequest(name, version, document, tag.getKey(), access, tarball, bundle);
    }

    private static Bytes tarball(ObjectNode attachment, long maxBytes) throws FormatException {
        String data = Json.requireText(attachment, "data");
        if ((long) data.length() * 3 / 4 > maxBytes + 3) {
            throw new FormatException("tarball larger than " + maxBytes + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new FormatException("tarball attachment data is not base64");
        }
        if (bytes.length > maxBytes) {
            throw new FormatException("tarball larger than " + maxBytes + " bytes");
        }
        JsonNode length = attachment.get("length");
        if (length != null && !length.isNull() && (!length.canConvertToLong() || length.asLong() != bytes.length)) {
            throw new FormatException("tarball attachment length " + length + " differs from its " + bytes.length
                    + " bytes");
        }
        return Bytes.of(bytes);
    }
}
