package dev.hallmark.core.trust.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.json.OlpcCanonicalJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Reads and writes TUF 1.0 metadata files (TUF §4; sigstore.md §7.3). Reading keeps the canonical bytes of
 * {@code signed} for signature checks; writing produces the indented form sigstore's repository serves.
 */
public final class TufCodec {
    private TufCodec() {
    }

    /** Reads a file of the expected role; anything else (another {@code _type}, bad fields) is a format error. */
    public static <T extends Role> Metadata<T> parse(byte[] json, Class<T> role, int maxBytes) throws FormatException {
        ObjectNode top = Json.parseObject(json, maxBytes);
        ObjectNode signed = Json.requireObject(top, "signed");
        List<TufSignature> signatures = new java.util.ArrayList<>();
        for (JsonNode s : Json.requireArray(top, "signatures")) {
            signatures.add(new TufSignature(Json.requireText(s, "keyid"), Json.requireHex(s, "sig")));
        }
        Bytes canonical;
        try {
            canonical = Bytes.of(OlpcCanonicalJson.canonicalize(signed));
        } catch (IllegalArgumentException e) {
            throw new FormatException("signed has no canonical form: " + e.getMessage());
        }
        try {
            Role parsed = signed(signed);
            if (!role.isInstance(parsed)) {
                throw new FormatException("expected " + role.getSimpleName().toLowerCase() + " metadata, not " + parsed.type().jsonName());
            }
            return new Metadata<>(role.cast(parsed), signatures, canonical);
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid TUF metadata: " + e.getMessage());
        }
    }

    /**
     * The signed metadata file, indented. The {@code signed} part is encoded from the record, so this writes metadata
     * this codec produced ({@link MetadataSigner}); metadata whose canonical bytes the record does not reproduce (read
     * from elsewhere, with fields the record leaves out) is refused rather than written with broken signatures.
     */
    public static byte[] write(Metadata<?> metadata) {
        ObjectNode signed = signedJson(metadata.signed());
        if (!Bytes.of(OlpcCanonicalJson.canonicalize(signed)).equals(metadata.canonicalSigned())) {
            throw new IllegalArgumentException("metadata has fields the record does not model; serve the bytes as received");
        }
        ObjectNode top = Json.object();
        ArrayNode signatures = top.putArray("signatures");
        for (TufSignature s : metadata.signatures()) {
            signatures.addObject().put("keyid", s.keyId()).put("sig", s.sig().hex());
        }
        top.set("signed", signed);
        return Json.writePretty(top);
    }

    /** The {@code signed} object of a role record. */
    public static ObjectNode signedJson(Role role) {
        ObjectNode node = Json.object();
        node.put("_type", role.type().jsonName());
        node.put("expires", role.expires().truncatedTo(ChronoUnit.SECONDS).toString());
        node.put("spec_version", role.specVersion());
        node.put("version", role.version());
        switch (role) {
            case Root root -> {
                node.put("consistent_snapshot", root.consistentSnapshot());
                ObjectNode keys = node.putObject("keys");
                new TreeMap<>(root.keys()).forEach((id, key) -> keys.set(id, key.toJson()));
                ObjectNode roles = node.putObject("roles");
                root.roles().forEach((type, keysOfRole) -> {
                    ObjectNode r = roles.putObject(type.jsonName());
                    keysOfRole.keyIds().forEach(r.putArray("keyids")::add);
                    r.put("threshold", keysOfRole.threshold());
                });
            }
            case Targets targets -> {
                ObjectNode files = node.putObject("targets");
                new TreeMap<>(targets.targets()).forEach((name, file) -> {
                    ObjectNode f = files.putObject(name);
                    f.put("length", file.length());
                    hashes(f, file.hashes());
                });
            }
            case Snapshot snapshot -> {
                ObjectNode meta = node.putObject("meta");
                new TreeMap<>(snapshot.meta()).forEach((name, file) -> metaFile(meta.putObject(name), file));
            }
            case Timestamp timestamp -> metaFile(node.putObject("meta").putObject(RoleType.SNAPSHOT.fileName()), timestamp.snapshot());
        }
        return node;
    }

    private static void metaFile(ObjectNode node, MetaFile file) {
        node.put("version", file.version());
        file.length().ifPresent(length -> node.put("length", length));
        if (!file.hashes().isEmpty()) {
            hashes(node, file.hashes());
        }
    }

    private static void hashes(ObjectNode node, Map<String, Bytes> hashes) {
        ObjectNode h = node.putObject("hashes");
        new TreeMap<>(hashes).forEach((name, value) -> h.put(name, value.hex()));
    }

    private static Role signed(ObjectNode s) throws FormatException {
        String type = Json.requireText(s, "_type");
        String spec = Json.requireText(s, "spec_version");
        long version = integer(s, "version");
        Instant expires = time(s);
        return switch (type) {
            case "root" -> new Root(spec, version, expires, Json.requireBoolean(s, "consistent_snapshot"), keys(s), roles(s));
            case "targets" -> new Targets(spec, version, expires, targets(Json.requireObject(s, "targets")));
            case "snapshot" -> new Snapshot(spec, version, expires, metaFiles(Json.requireObject(s, "meta")));
            case "timestamp" -> {
                Map<String, MetaFile> meta = metaFiles(Json.requireObject(s, "meta"));
                MetaFile snapshot = meta.get(RoleType.SNAPSHOT.fileName());
                if (meta.size() != 1 || snapshot == null) {
                    throw new FormatException("timestamp meta must name snapshot.json only");
                }
                yield new Timestamp(spec, version, expires, snapshot);
            }
            default -> throw new FormatException("unknown _type " + type);
        };
    }

    private static Map<String, TufKey> keys(ObjectNode s) throws FormatException {
        Map<String, TufKey> keys = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : Json.requireObject(s, "keys").properties()) {
            JsonNode k = e.getValue();
            Map<String, String> extensions = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = k.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual() && !field.getKey().equals("keytype") && !field.getKey().equals("scheme")) {
                    extensions.put(field.getKey(), field.getValue().textValue());
                }
            }
            keys.put(e.getKey(), new TufKey(Json.requireText(k, "keytype"), Json.requireText(k, "scheme"),
                    Json.requireText(Json.requireObject(k, "keyval"), "public"), extensions));
        }
        return keys;
    }

    private static Map<RoleType, RoleKeys> roles(ObjectNode s) throws FormatException {
        Map<RoleType, RoleKeys> roles = new HashMap<>();
        ObjectNode node = Json.requireObject(s, "roles");
        for (RoleType type : RoleType.values()) {
            ObjectNode role = Json.requireObject(node, type.jsonName());
            List<String> ids = new java.util.ArrayList<>();
            for (JsonNode id : Json.requireArray(role, "keyids")) {
                if (!id.isTextual()) {
                    throw new FormatException("keyids must be strings");
                }
                ids.add(id.textValue());
            }
            long threshold = integer(role, "threshold");
            if (threshold > Integer.MAX_VALUE) {
                throw new FormatException("threshold out of range");
            }
            roles.put(type, new RoleKeys(ids, (int) threshold));
        }
        return roles;
    }

    private static Map<String, TargetFile> targets(ObjectNode node) throws FormatException {
        Map<String, TargetFile> targets = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            targets.put(e.getKey(), new TargetFile(integer(e.getValue(), "length"), hashMap(e.getValue(), true)));
        }
        return targets;
    }

    private static Map<String, MetaFile> metaFiles(ObjectNode node) throws FormatException {
        Map<String, MetaFile> meta = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode m = e.getValue();
            OptionalLong length = m.has("length") ? OptionalLong.of(integer(m, "length")) : OptionalLong.empty();
            meta.put(e.getKey(), new MetaFile(integer(m, "version"), length, hashMap(m, false)));
        }
        return meta;
    }

    private static Map<String, Bytes> hashMap(JsonNode node, boolean required) throws FormatException {
        Map<String, Bytes> hashes = new HashMap<>();
        if (!required && !node.has("hashes")) {
            return hashes;
        }
        for (Map.Entry<String, JsonNode> h : Json.requireObject(node, "hashes").properties()) {
            hashes.put(h.getKey(), Json.requireHex(node.get("hashes"), h.getKey()));
        }
        return hashes;
    }

    /** A JSON integer (TUF has no string-encoded numbers), non-negative and within int64. */
    private static long integer(JsonNode node, String field) throws FormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new FormatException("field " + field + " must be a non-negative integer");
        }
        return value.longValue();
    }

    /**
     * TUF §4.2 writes {@code YYYY-MM-DDTHH:MM:SSZ}; early sigstore roots carry fractions and offsets, so any RFC 3339
     * time is read (the signature covers the text as received).
     */
    private static Instant time(JsonNode node) throws FormatException {
        String text = Json.requireText(node, "expires");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new FormatException("expires is not an RFC 3339 time");
        }
    }
}
