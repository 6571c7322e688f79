package dev.hallmark.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An in-toto Statement (attestation framework v0.1 and v1, statement.md), the DSSE payload of every npm attestation.
 * npm 11 writes v1 with SLSA provenance v1 on GitHub, v0.1 with SLSA v0.2 on GitLab (npm.md §10); the registry's publish
 * attestation is v0.1 (npm.md §7.2). The two versions share this JSON shape.
 *
 * <p>The predicate is kept as a JSON tree (copied in and out, so the record stays immutable); {@link Predicate#of}
 * reads the predicate types Hallmark understands.
 */
public record Statement(String type, List<Subject> subjects, String predicateType, JsonNode predicate) {
    public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";
    public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
    /** Statements are a few kilobytes; GitLab provenance with every CI variable stays well under 1 MiB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    public Statement {
        if (!TYPE_V01.equals(type) && !TYPE_V1.equals(type)) {
            throw new IllegalArgumentException("unknown in-toto statement type " + type);
        }
        subjects = List.copyOf(subjects);
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one subject");
        }
        Objects.requireNonNull(predicateType, "predicateType");
        if (predicateType.isEmpty()) {
            throw new IllegalArgumentException("empty predicateType");
        }
        predicate = predicate == null ? Json.object() : predicate.deepCopy();
        if (!predicate.isObject()) {
            throw new IllegalArgumentException("predicate must be a JSON object");
        }
    }

    /** A copy of the predicate tree. */
    @Override
    public JsonNode predicate() {
        return predicate.deepCopy();
    }

    /** Parses a DSSE payload as a statement. */
    public static Statement parse(Bytes payload) throws FormatException {
        try {
            return parseChecked(payload);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new FormatException("invalid in-toto statement: " + e.getMessage(), e);
        }
    }

    private static Statement parseChecked(Bytes payload) throws FormatException {
        ObjectNode root = Json.parseObject(payload.toArray(), MAX_BYTES);
        String type = Json.requireText(root, "_type");
        if (!TYPE_V01.equals(type) && !TYPE_V1.equals(type)) {
            throw new FormatException("unknown in-toto statement type " + type);
        }
        ArrayNode subjectArray = Json.requireArray(root, "subject");
        if (subjectArray.isEmpty()) {
            throw new FormatException("statement has no subject");
        }
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode s : subjectArray) {
            DigestSet digest = DigestSet.parse(s, "digest");
            if (digest.values().isEmpty()) {
                throw new FormatException("subject has an empty digest set");
            }
            subjects.add(new Subject(Json.requireText(s, "name"), digest));
        }
        String predicateType = Json.requireNonEmptyText(root, "predicateType");
        JsonNode predicate = Json.optionalObject(root, "predicate").map(JsonNode.class::cast).orElse(Json.object());
        return new Statement(type, subjects, predicateType, predicate);
    }

    /** True when some subject carries {@code digest} (same algorithm, hex compared case-insensitively). */
    public boolean hasSubjectDigest(Digest digest) {
        return subjects.stream().anyMatch(s -> s.digest().contains(digest));
    }

    /** Compact JSON in npm's member order: _type, subject, predicateType, predicate. */
    public byte[] toJson() {
        ObjectNode root = Json.object();
        root.put("_type", type);
        ArrayNode subjectArray = root.putArray("subject");
        for (Subject s : subjects) {
            ObjectNode node = subjectArray.addObject();
            node.put("name", s.name());
            node.set("digest", s.digest().toJson());
        }
        root.put("predicateType", predicateType);
        root.set("predicate", predicate.deepCopy());
        return Json.write(root);
    }
}
