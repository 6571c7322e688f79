package dev.hallmark.core.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and writes {@code trusted_root.json} in its proto3 JSON form (sigstore.md §7.1). */
public final class TrustedRootCodec {
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final Set<String> MEDIA_TYPES =
            Set.of(TrustedRoot.MEDIA_TYPE_0_1, TrustedRoot.MEDIA_TYPE_V0_1, TrustedRoot.MEDIA_TYPE_V0_2);

    private TrustedRootCodec() {
    }

    public static TrustedRoot parse(byte[] json) throws FormatException {
        try {
            return parseChecked(json);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a record invariant the field checks did not anticipate: still malformed input, never a crash
            throw new FormatException("invalid trusted root: " + e.getMessage());
        }
    }

    private static TrustedRoot parseChecked(byte[] json) throws FormatException {
        JsonNode root = Json.parseObject(json, MAX_BYTES);
        String mediaType = Json.requireNonEmptyText(root, "mediaType");
        if (!MEDIA_TYPES.contains(mediaType)) {
            throw new FormatException("unsupported trusted root media type " + mediaType);
        }
        return new TrustedRoot(
                mediaType,
                logs(root, "tlogs"),
                authorities(root, "certificateAuthorities"),
                logs(root, "ctlogs"),
                authorities(root, "timestampAuthorities"));
    }

    private static List<TransparencyLog> logs(JsonNode root, String field) throws FormatException {
        List<TransparencyLog> out = new ArrayList<>();
        for (JsonNode log : Json.optionalArray(root, field)) {
            String where = field + "[" + out.size() + "]";
            JsonNode key = Json.requireObject(log, "publicKey");
            String keyDetails = Json.requireNonEmptyText(key, "keyDetails");
            PublicKeyMaterial material = new PublicKeyMaterial(
                    Json.requireBase64(key, "rawBytes"),
                    SignatureAlgorithm.fromKeyDetails(keyDetails),
                    keyDetails,
                    validity(key, where + ".publicKey"));
            Optional<Bytes> checkpointKeyId = log.hasNonNull("checkpointKeyId")
                    ? Optional.of(Json.requireBase64(Json.requireObject(log, "checkpointKeyId"), "keyId"))
                    : Optional.empty();
            out.add(new TransparencyLog(
                    Json.requireNonEmptyText(log, "baseUrl"),
                    HashAlgorithm.parse(Json.requireNonEmptyText(log, "hashAlgorithm")),
                    material,
                    Json.requireBase64(Json.requireObject(log, "logId"), "keyId"),
                    checkpointKeyId,
                    Json.optionalText(log, "operator")));
        }
        return out;
    }

    private static List<CertificateAuthorityInfo> authorities(JsonNode root, String field) throws FormatException {
        List<CertificateAuthorityInfo> out = new ArrayList<>();
        for (JsonNode ca : Json.optionalArray(root, field)) {
            String where = field + "[" + out.size() + "]";
            JsonNode subject = ca.path("subject");
            List<Bytes> chain = new ArrayList<>();
            for (JsonNode cert : Json.optionalArray(Json.requireObject(ca, "certChain"), "certificates")) {
                chain.add(Json.requireBase64(cert, "rawBytes"));
            }
            if (chain.isEmpty()) {
                throw new FormatException(where + " has an empty certificate chain");
            }
            if (chain.size() > 10) {
                throw new FormatException(where + " has a certificate chain longer than 10");
            }
            out.add(new CertificateAuthorityInfo(
                    Json.optionalText(subject, "organization").orElse(""),
                    Json.optionalText(subject, "commonName").orElse(""),
                    Json.optionalText(ca, "uri").orElse(""),
                    chain,
                    validity(ca, where),
                    Json.optionalText(ca, "operator")));
        }
        return out;
    }

    /** A missing {@code validFor.start} makes the whole root invalid (conformance trust-root-*-missing-validity-start). */
    private static ValidityPeriod validity(JsonNode holder, String where) throws FormatException {
        JsonNode validFor = holder.get("validFor");
        if (validFor == null || !validFor.isObject() || !validFor.hasNonNull("start")) {
            throw new FormatException(where + " has no validFor.start");
        }
        try {
            return new ValidityPeriod(Json.requireTime(validFor, "start"),
                    validFor.hasNonNull("end") ? Optional.of(Json.requireTime(validFor, "end")) : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }

    public static byte[] write(TrustedRoot root) {
        ObjectNode out = Json.object();
        out.put("mediaType", root.mediaType());
        writeLogs(out.putArray("tlogs"), root.tlogs());
        writeAuthorities(out.putArray("certificateAuthorities"), root.certificateAuthorities());
        writeLogs(out.putArray("ctlogs"), root.ctlogs());
        writeAuthorities(out.putArray("timestampAuthorities"), root.timestampAuthorities());
        return Json.writePretty(out);
    }

    private static void writeLogs(ArrayNode array, List<TransparencyLog> logs) {
        for (TransparencyLog log : logs) {
            ObjectNode node = array.addObject();
            node.put("baseUrl", log.baseUrl());
            node.put("hashAlgorithm", log.hashAlgorithm().name());
            ObjectNode key = node.putObject("publicKey");
            key.put("rawBytes", log.publicKey().rawBytes().base64());
            key.put("keyDetails", log.publicKey().keyDetails());
            writeValidity(key, log.publicKey().validFor());
            node.putObject("logId").put("keyId", log.logId().base64());
            log.checkpointKeyId().ifPresent(id -> node.putObject("checkpointKeyId").put("keyId", id.base64()));
            log.operator().ifPresent(op -> node.put("operator", op));
        }
    }

    private static void writeAuthorities(ArrayNode array, List<CertificateAuthorityInfo> authorities) {
        for (CertificateAuthorityInfo ca : authorities) {
            ObjectNode node = array.addObject();
            ObjectNode subject = node.putObject("subject");
            subject.put("organization", ca.organization());
            subject.put("commonName", ca.commonName());
            node.put("uri", ca.uri());
            ArrayNode certs = node.putObject("certChain").putArray("certificates");
            ca.certChain().forEach(c -> certs.addObject().put("rawBytes", c.base64()));
            writeValidity(node, ca.validFor());
            ca.operator().ifPresent(op -> node.put("operator", op));
        }
    }

    static void writeValidity(ObjectNode holder, ValidityPeriod period) {
        ObjectNode validFor = holder.putObject("validFor");
        validFor.put("start", period.start().toString());
        period.end().ifPresent(end -> validFor.put("end", end.toString()));
    }
}
