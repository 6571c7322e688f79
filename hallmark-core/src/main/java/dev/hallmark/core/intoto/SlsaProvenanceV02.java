package dev.hallmark.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SLSA provenance v0.2 ({@code https://slsa.dev/provenance/v0.2}): what npm 11 writes on GitLab CI (buildType
 * {@code https://github.com/npm/cli/gitlab/v0alpha1}) and npm 9.5–9.7 wrote on GitHub ({@code …/gha/v2}); registries
 * still serve both (npm.md §10.2).
 *
 * @param configSource {@code invocation.configSource} (uri, digest, entryPoint), when present
 * @param parameters {@code invocation.parameters} (copied; npm puts the CI variables here on GitLab)
 * @param environment {@code invocation.environment} (copied)
 * @param buildInvocationId {@code metadata.buildInvocationId}, when present
 */
public record SlsaProvenanceV02(String builderId, String buildType, Optional<ConfigSource> configSource, JsonNode parameters,
        JsonNode environment, Optional<String> buildInvocationId, List<ResourceDescriptor> materials) implements Predicate {

    /** Where the build configuration came from: repository URI, its commit, and the entry point (workflow or job). */
    public record ConfigSource(String uri, DigestSet digest, String entryPoint) {
        public ConfigSource {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(entryPoint, "entryPoint");
        }
    }

    public SlsaProvenanceV02 {
        Objects.requireNonNull(builderId, "builderId");
        Objects.requireNonNull(buildType, "buildType");
        Objects.requireNonNull(configSource, "configSource");
        parameters = parameters.deepCopy();
        environment = environment.deepCopy();
        Objects.requireNonNull(buildInvocationId, "buildInvocationId");
        materials = List.copyOf(materials);
    }

    @Override
    public JsonNode parameters() {
        return parameters.deepCopy();
    }

    @Override
    public JsonNode environment() {
        return environment.deepCopy();
    }

    static SlsaProvenanceV02 parse(JsonNode predicate) throws FormatException {
        String builderId = Json.requireNonEmptyText(Json.requireObject(predicate, "builder"), "id");
        String buildType = Json.requireNonEmptyText(predicate, "buildType");
        Optional<ConfigSource> configSource = Optional.empty();
        JsonNode parameters = Json.object();
        JsonNode environment = Json.object();
        Optional<ObjectNode> invocation = Json.optionalObject(predicate, "invocation");
        if (invocation.isPresent()) {
            Optional<ObjectNode> source = Json.optionalObject(invocation.get(), "configSource");
            if (source.isPresent()) {
                ResourceDescriptor ref = ResourceDescriptor.parse(source.get());
                configSource = Optional.of(new ConfigSource(ref.uri(), ref.digest(),
                        Json.optionalText(source.get(), "entryPoint").orElse("")));
            }
            JsonNode p = invocation.get().get("parameters");
            parameters = p == null || p.isNull() ? parameters : p;
            JsonNode e = invocation.get().get("environment");
            environment = e == null || e.isNull() ? environment : e;
        }
        Optional<String> buildInvocationId = Optional.empty();
        Optional<ObjectNode> metadata = Json.optionalObject(predicate, "metadata");
        if (metadata.isPresent()) {
            buildInvocationId = Json.optionalText(metadata.get(), "buildInvocationId");
        }
        List<ResourceDescriptor> materials = new ArrayList<>();
        for (JsonNode m : Json.optionalArray(predicate, "materials")) {
            materials.add(ResourceDescriptor.parse(m));
        }
        return new SlsaProvenanceV02(builderId, buildType, configSource, parameters, environment, buildInvocationId, materials);
    }
}
