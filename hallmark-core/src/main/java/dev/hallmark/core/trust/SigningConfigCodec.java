package dev.hallmark.core.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code signing_config.json} v0.2 (sigstore.md §7.2). */
public final class SigningConfigCodec {
    private static final int MAX_BYTES = 1024 * 1024;

    private SigningConfigCodec() {
    }

    public static SigningConfig parse(byte[] json) throws FormatException {
        try {
            return parseChecked(json);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a record invariant the field checks did not anticipate: still malformed input, never a crash
            throw new FormatException("invalid signing config: " + e.getMessage());
        }
    }

    private static SigningConfig parseChecked(byte[] json) throws FormatException {
        JsonNode root = Json.parseObject(json, MAX_BYTES);
        String mediaType = Json.requireNonEmptyText(root, "mediaType");
        if (!mediaType.equals(SigningConfig.MEDIA_TYPE_V0_2)) {
            throw new FormatException("unsupported signing config media type " + mediaType);
        }
        return new SigningConfig(
                services(root, "caUrls"),
                services(root, "oidcUrls"),
                services(root, "rekorTlogUrls"),
                services(root, "tsaUrls"),
                selector(root, "rekorTlogConfig"),
                selector(root, "tsaConfig"));
    }

    private static List<SigningConfig.Service> services(JsonNode root, String field) throws FormatException {
        List<SigningConfig.Service> out = new ArrayList<>();
        for (JsonNode s : Json.optionalArray(root, field)) {
            JsonNode version = s.get("majorApiVersion");
            if (version == null || !version.canConvertToInt() || version.intValue() < 1) {
                throw new FormatException(field + " entry has no valid majorApiVersion");
            }
            JsonNode validFor = s.get("validFor");
            if (validFor == null || !validFor.hasNonNull("start")) {
                throw new FormatException(field + " entry has no validFor.start");
            }
            try {
                out.add(new SigningConfig.Service(
                        Json.requireNonEmptyText(s, "url"),
                        version.intValue(),
                        new ValidityPeriod(Json.requireTime(validFor, "start"),
                                validFor.hasNonNull("end") ? Optional.of(Json.requireTime(validFor, "end")) : Optional.empty()),
                        Json.optionalText(s, "operator")));
            } catch (IllegalArgumentException e) {
                throw new FormatException(field + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static SigningConfig.Selector selector(JsonNode root, String field) throws FormatException {
        JsonNode config = root.get(field);
        if (config == null || config.isNull()) {
            return SigningConfig.Selector.ANY;
        }
        String kind = Json.optionalText(config, "selector").orElse("ANY");
        try {
            return switch (kind) {
                case "ALL" -> SigningConfig.Selector.ALL;
                case "ANY" -> SigningConfig.Selector.ANY;
                case "EXACT" -> new SigningConfig.Selector(SigningConfig.Selector.Kind.EXACT, config.path("count").asInt(0));
                default -> throw new FormatException(field + ".selector is not ALL, ANY or EXACT");
            };
        } catch (IllegalArgumentException e) {
            throw new FormatException(field + ": " + e.getMessage());
        }
    }

    public static byte[] write(SigningConfig config) {
        ObjectNode out = Json.object();
        out.put("mediaType", SigningConfig.MEDIA_TYPE_V0_2);
        writeServices(out.putArray("caUrls"), config.caUrls());
        writeServices(out.putArray("oidcUrls"), config.oidcUrls());
        writeServices(out.putArray("rekorTlogUrls"), config.rekorTlogUrls());
        writeServices(out.putArray("tsaUrls"), config.tsaUrls());
        writeSelector(out.putObject("rekorTlogConfig"), config.rekorTlogConfig());
        writeSelector(out.putObject("tsaConfig"), config.tsaConfig());
        return Json.writePretty(out);
    }

    private static void writeServices(ArrayNode array, List<SigningConfig.Service> services) {
        for (SigningConfig.Service s : services) {
            ObjectNode node = array.addObject();
            node.put("url", s.url());
            node.put("majorApiVersion", s.majorApiVersion());
            TrustedRootCodec.writeValidity(node, s.validFor());
            s.operator().ifPresent(op -> node.put("operator", op));
        }
    }

    private static void writeSelector(ObjectNode node, SigningConfig.Selector selector) {
        node.put("selector", selector.kind().name());
        if (selector.kind() == SigningConfig.Selector.Kind.EXACT) {
            node.put("count", selector.count());
        }
    }
}
