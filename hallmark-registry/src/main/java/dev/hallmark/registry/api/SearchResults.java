package dev.hallmark.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredUser;
import dev.hallmark.registry.store.StoredVersion;

/** One {@code /-/v1/search} result object in npmjs's shape (npm.md §9). */
final class SearchResults {
    private SearchResults() {
    }

    static ObjectNode entry(StoredPackage pkg, String publicUrl) {
        ObjectNode object = Json.object();
        ObjectNode p = object.putObject("package");
        p.put("name", pkg.name());
        p.put("scope", pkg.name().startsWith("@") ? pkg.name().substring(1, pkg.name().indexOf('/')) : "unscoped");
        String latest = pkg.distTags().get("latest");
        StoredVersion v = latest == null ? null : pkg.version(latest).orElse(null);
        ObjectNode doc = v == null ? Json.object() : v.manifestDocument();
        if (v != null) {
            p.put("version", v.version());
            p.put("date", v.publishedAt().toString());
        }
        copyText(doc, p, "description");
        JsonNode keywords = doc.get("keywords");
        p.set("keywords", keywords != null && keywords.isArray() ? keywords : Json.array());
        ObjectNode links = p.putObject("links");
        links.put("npm", publicUrl + "/-/ui/package/" + pkg.name());
        copyText(doc, links, "homepage");
        JsonNode repo = doc.get("repository");
        if (repo != null && repo.path("url").isTextual()) {
            links.put("repository", repo.path("url").asText());
        }
        if (v != null) {
            p.putObject("publisher").put("username", v.publisher());
        }
        var maintainers = p.putArray("maintainers");
        for (StoredUser m : pkg.maintainers()) {
            maintainers.addObject().put("username", m.username()).put("email", m.email());
        }
        ObjectNode score = object.putObject("score");
        score.put("final", 1.0);
        score.putObject("detail").put("quality", 1.0).put("popularity", 1.0).put("maintenance", 1.0);
        object.put("searchScore", 1.0);
        return object;
    }

    private static void copyText(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && value.isTextual()) {
            to.put(field, value.asText());
        }
    }
}
