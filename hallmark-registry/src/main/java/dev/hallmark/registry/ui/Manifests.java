package dev.hallmark.registry.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.store.StoredVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Display fields of a stored version document (the package.json as published plus npm's fields, npm.md §4). Values
 * are whatever the publisher wrote: only text of the expected JSON type is taken, and it is escaped where shown.
 */
final class Manifests {
    /** What npm puts in {@code readme} when the package has none (npm.md §4). */
    static final String NO_README = "ERROR: No README data found!";

    private Manifests() {
    }

    static ObjectNode parse(StoredVersion version) {
        try {
            return version.manifestDocument();
        } catch (IllegalStateException e) {
            return Json.object(); // stored by the registry itself as JSON; an unreadable one shows as empty
        }
    }

    static Optional<String> text(JsonNode manifest, String field) {
        JsonNode value = manifest.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText().strip())
                : Optional.empty();
    }

    /** {@code license}: SPDX text, or the legacy {@code {"type": …}} object. */
    static Optional<String> license(JsonNode manifest) {
        JsonNode value = manifest.get("license");
        if (value != null && value.isObject()) {
            return text(value, "type");
        }
        return text(manifest, "license");
    }

    static Optional<String> readme(JsonNode manifest) {
        return text(manifest, "readme").filter(r -> !r.equals(NO_README));
    }

    static List<String> keywords(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        JsonNode value = manifest.get("keywords");
        if (value != null && value.isArray()) {
            for (JsonNode k : value) {
                if (k.isTextual() && !k.asText().isBlank() && out.size() < 50) {
                    out.add(k.asText());
                }
            }
        }
        return out;
    }
}
