package dev.hallmark.bench.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.publish.PublishRequestCodec;

/**
 * The body of {@code npm publish} ({@code PUT /<name>}, npm.md §4) as the registry reads it: the hardened JSON parser
 * with the registry's body limit, then {@link PublishRequestCodec#parse}; a request or a {@code FormatException}.
 */
public final class PublishFuzz {
    private PublishFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        try {
            ObjectNode body = Json.parseObject(input, 10 * 1024 * 1024);
            PublishRequestCodec.isPublish(body);
            PublishRequestCodec.parse(body, 1024 * 1024);
        } catch (FormatException e) {
            // typed refusal
        }
    }
}
