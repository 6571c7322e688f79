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
 * SLSA provenance v1 ({@code https://slsa.dev/provenance/v1}) with the fields npm 11 fills on GitHub Actions (npm.md
 * §10.1; libnpmpublish provenance.js). The GitHub-specific parameters are optional so that other builders still parse.
 *
 * @param externalParameters the whole {@code buildDefinition.externalParameters} object (copied)
 * @param workflow {@code externalParameters.workflow}, when present
 * @param github {@code internalParameters.github}, when present
 * @param builderId {@code runDetails.builder.id}, e.g. {@code https://github.com/actions/runner/github-hosted}
 * @param invocationId {@code runDetails.metadata.invocationId}, the run URL
 */
public record SlsaProvenanceV1(String buildType, JsonNode externalParameters, Optional<Workflow> workflow,
        Optional<GithubParameters> github, List<ResourceDescriptor> resolvedDependencies, String builderId,
        Optional<String> invocationId) implements Predicate {

    /** The workflow that ran: {@code ref} (refs/tags/v1.0.0), {@code repository} (URL), {@code path} (.github/workflows/x.yml). */
    public record Workflow(String ref, String repository, String path) {
        public Workflow {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(path, "path");
        }
    }

    /** GitHub's numeric ids, which survive renames: event_name, repository_id, repository_owner_id. */
    public record GithubParameters(String eventName, String repositoryId, String repositoryOwnerId) {
        public GithubParameters {
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(repositoryId, "repositoryId");
            Objects.requireNonNull(repositoryOwnerId, "repositoryOwnerId");
        }
    }

    public SlsaProvenanceV1 {
        Objects.requireNonNull(buildType, "buildType");
        externalParameters = externalParameters.deepCopy();
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(github, "github");
        resolvedDependencies = List.copyOf(resolvedDependencies);
        Objects.requireNonNull(builderId, "builderId");
        Objects.requireNonNull(invocationId, "invocationId");
    }

    @Override
    public JsonNode externalParameters() {
        return externalParameters.deepCopy();
    }

    static SlsaProvenanceV1 parse(JsonNode predicate) throws FormatException {
        ObjectNode definition = Json.requireObject(predicate, "buildDefinition");
        String buildType = Json.requireNonEmptyText(definition, "buildType");
        ObjectNode external = Json.requireObject(definition, "externalParameters");
        Optional<Workflow> workflow = Optional.empty();
        Optional<ObjectNode> wf = Json.optionalObject(external, "workflow");
        if (wf.isPresent()) {
            workflow = Optional.of(new Workflow(Json.requireText(wf.get(), "ref"), Json.requireText(wf.get(), "repository"),
                    Json.requireText(wf.get(), "path")));
        }
        Optional<GithubParameters> github = Optional.empty();
        Optional<ObjectNode> internal = Json.optionalObject(definition, "internalParameters");
        if (internal.isPresent()) {
            Optional<ObjectNode> gh = Json.optionalObject(internal.get(), "github");
            if (gh.isPresent()) {
                github = Optional.of(new GithubParameters(Json.requireText(gh.get(), "event_name"),
                        Json.requireText(gh.get(), "repository_id"), Json.requireText(gh.get(), "repository_owner_id")));
            }
        }
        List<ResourceDescriptor> dependencies = new ArrayList<>();
        for (JsonNode d : Json.optionalArray(definition, "resolvedDependencies")) {
            dependencies.add(ResourceDescriptor.parse(d));
        }
        ObjectNode runDetails = Json.requireObject(predicate, "runDetails");
        String builderId = Json.requireNonEmptyText(Json.requireObject(runDetails, "builder"), "id");
        Optional<String> invocationId = Optional.empty();
        Optional<ObjectNode> metadata = Json.optionalObject(runDetails, "metadata");
        if (metadata.isPresent()) {
            invocationId = Json.optionalText(metadata.get(), "invocationId");
        }
        return new SlsaProvenanceV1(buildType, external, workflow, github, dependencies, builderId, invocationId);
    }
}
