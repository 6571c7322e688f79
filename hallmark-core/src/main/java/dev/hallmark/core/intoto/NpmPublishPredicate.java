package dev.hallmark.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.util.Objects;

/**
 * The npm publish attestation predicate (npm/attestation specs/publish/v0.1; npm.md §7.2): which registry accepted which
 * package version. The registry signs it with its own key.
 */
public record NpmPublishPredicate(String name, String version, String registry) implements Predicate {
    public NpmPublishPredicate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(registry, "registry");
    }

    static NpmPublishPredicate parse(JsonNode node) throws FormatException {
        return new NpmPublishPredicate(Json.requireNonEmptyText(node, "name"), Json.requireNonEmptyText(node, "version"),
                Json.requireNonEmptyText(node, "registry"));
    }

    /** The predicate as npmjs writes it: name, version, registry. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("name", name);
        out.put("version", version);
        out.put("registry", registry);
        return out;
    }
}
