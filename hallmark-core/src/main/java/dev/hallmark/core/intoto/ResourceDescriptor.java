package dev.hallmark.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.util.Map;
import java.util.Objects;

/**
 * A reference to an artifact by URI and digests: SLSA v1 {@code resolvedDependencies[]} (in-toto ResourceDescriptor) and
 * SLSA v0.2 {@code materials[]} / {@code invocation.configSource}. npm writes {@code git+<repo>@<ref>} with a
 * {@code gitCommit} (v1) or {@code sha1} (v0.2) digest.
 */
public record ResourceDescriptor(String uri, DigestSet digest) {
    public ResourceDescriptor {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(digest, "digest");
    }

    static ResourceDescriptor parse(JsonNode node) throws FormatException {
        String uri = Json.optionalText(node, "uri").orElse("");
        DigestSet digest = node.hasNonNull("digest") ? DigestSet.parse(node, "digest") : new DigestSet(Map.of());
        return new ResourceDescriptor(uri, digest);
    }
}
