package dev.hallmark.cli.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.CliException;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.intoto.PackageUrl;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.x509.FulcioCertificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provenance statement of a publish, field for field and in the same key order as npm's {@code libnpmpublish}
 * builds it (npm.md §10.1, §10.2): SLSA v1 in an in-toto v1 statement on GitHub Actions, SLSA v0.2 in an in-toto v0.1
 * statement on GitLab CI. A variable npm copies into a plain field is left out when unset, as {@code JSON.stringify}
 * drops {@code undefined}; the variables npm interpolates into URLs are required, since npm would write "undefined".
 *
 * <p>For any other CI ({@link CiEnvironment.GenericOidc}) there is no npm form. The statement then states what the CA
 * certified about the run (Fulcio extensions: source repository, ref and commit, build configuration, trigger, run):
 * a verifier can match it against the certificate, and nothing in it comes from variables the job could set.
 */
public final class ProvenanceStatements {
    static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
    static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";
    static final String GITHUB_BUILD_TYPE = "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1";
    static final String GITLAB_BUILD_TYPE = "https://github.com/npm/cli/gitlab/v0alpha1";
    /** Hallmark's build type for CIs npm does not know: parameters are the CA-certified run, see the class comment. */
    public static final String OIDC_BUILD_TYPE = "https://hallmark.dev/provenance/oidc-ci/v1";

    /** The GitLab variables npm copies verbatim into {@code invocation.parameters}, in npm's order. */
    static final List<String> GITLAB_PARAMETERS = List.of("CI", "CI_API_GRAPHQL_URL", "CI_API_V4_URL",
            "CI_BUILD_BEFORE_SHA", "CI_BUILD_ID", "CI_BUILD_NAME", "CI_BUILD_REF", "CI_BUILD_REF_NAME",
            "CI_BUILD_REF_SLUG", "CI_BUILD_STAGE", "CI_COMMIT_BEFORE_SHA", "CI_COMMIT_BRANCH", "CI_COMMIT_REF_NAME",
            "CI_COMMIT_REF_PROTECTED", "CI_COMMIT_REF_SLUG", "CI_COMMIT_SHA", "CI_COMMIT_SHORT_SHA",
            "CI_COMMIT_TIMESTAMP", "CI_COMMIT_TITLE", "CI_CONFIG_PATH", "CI_DEFAULT_BRANCH",
            "CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX", "CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX",
            "CI_DEPENDENCY_PROXY_SERVER", "CI_DEPENDENCY_PROXY_USER", "CI_JOB_ID", "CI_JOB_NAME", "CI_JOB_NAME_SLUG",
            "CI_JOB_STAGE", "CI_JOB_STARTED_AT", "CI_JOB_URL", "CI_NODE_TOTAL", "CI_PAGES_DOMAIN", "CI_PAGES_URL",
            "CI_PIPELINE_CREATED_AT", "CI_PIPELINE_ID", "CI_PIPELINE_IID", "CI_PIPELINE_SOURCE", "CI_PIPELINE_URL",
            "CI_PROJECT_CLASSIFICATION_LABEL", "CI_PROJECT_DESCRIPTION", "CI_PROJECT_ID", "CI_PROJECT_NAME",
            "CI_PROJECT_NAMESPACE", "CI_PROJECT_NAMESPACE_ID", "CI_PROJECT_PATH", "CI_PROJECT_PATH_SLUG",
            "CI_PROJECT_REPOSITORY_LANGUAGES", "CI_PROJECT_ROOT_NAMESPACE", "CI_PROJECT_TITLE", "CI_PROJECT_URL",
            "CI_PROJECT_VISIBILITY", "CI_REGISTRY", "CI_REGISTRY_IMAGE", "CI_REGISTRY_USER", "CI_RUNNER_DESCRIPTION",
            "CI_RUNNER_ID", "CI_RUNNER_TAGS", "CI_SERVER_HOST", "CI_SERVER_NAME", "CI_SERVER_PORT",
            "CI_SERVER_PROTOCOL", "CI_SERVER_REVISION", "CI_SERVER_SHELL_SSH_HOST", "CI_SERVER_SHELL_SSH_PORT",
            "CI_SERVER_URL", "CI_SERVER_VERSION", "CI_SERVER_VERSION_MAJOR", "CI_SERVER_VERSION_MINOR",
            "CI_SERVER_VERSION_PATCH", "CI_TEMPLATE_REGISTRY_HOST", "GITLAB_CI", "GITLAB_FEATURES", "GITLAB_USER_ID",
            "GITLAB_USER_LOGIN", "RUNNER_GENERATE_ARTIFACTS_METADATA");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProvenanceStatements() {
    }

    /**
     * The statement for the tarball of {@code name@version} built in {@code ci}; {@code certificate} is the signing
     * certificate, read only for {@link CiEnvironment.GenericOidc}.
     */
    public static ObjectNode build(CiEnvironment ci, String name, String version, Digest tarballSha512,
            Optional<FulcioCertificate> certificate) {
        ArrayNode subject = JSON.arrayNode();
        ObjectNode s = subject.addObject();
        s.put("name", new PackageUrl(name, version).toString());
        s.putObject("digest").put("sha512", tarballSha512.hex());
        return switch (ci) {
            case CiEnvironment.GithubActions github -> github(subject, github.env());
            case CiEnvironment.GitlabCi gitlab -> gitlab(subject, gitlab.env());
            case CiEnvironment.GenericOidc generic -> certified(subject, certificate.orElseThrow(
                    () -> new IllegalArgumentException("the generic statement is made from the signing certificate")));
            case CiEnvironment.NoCi none -> throw CliException.usage(
                    "Automatic provenance generation not supported outside a CI with an OIDC identity");
        };
    }

    /** Whether the statement needs the signing certificate (only when npm has no form for the CI). */
    public static boolean fromCertificate(CiEnvironment ci) {
        return ci instanceof CiEnvironment.GenericOidc;
    }

    private static ObjectNode github(ArrayNode subject, Map<String, String> env) {
        String repository = required(env, "GITHUB_REPOSITORY");
        String server = required(env, "GITHUB_SERVER_URL");
        // npm: GITHUB_WORKFLOW_REF with the first "<repository>/" removed, split at the first "@" (JS slice semantics)
        String relativeRef = required(env, "GITHUB_WORKFLOW_REF").replaceFirst(
                java.util.regex.Pattern.quote(repository + "/"), "");
        int at = relativeRef.indexOf('@');
        String workflowPath = at >= 0 ? relativeRef.substring(0, at) : relativeRef.substring(0, Math.max(0, relativeRef.length() - 1));
        String workflowRef = relativeRef.substring(at + 1);

        ObjectNode statement = JSON.objectNode();
        statement.put("_type", Statement.TYPE_V1);
        statement.set("subject", subject);
        statement.put("predicateType", SLSA_V1);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", GITHUB_BUILD_TYPE);
        definition.putObject("externalParameters").putObject("workflow")
                .put("ref", workflowRef)
                .put("repository", server + "/" + repository)
                .put("path", workflowPath);
        ObjectNode github = definition.putObject("internalParameters").putObject("github");
        copy(env, github, "event_name", "GITHUB_EVENT_NAME");
        copy(env, github, "repository_id", "GITHUB_REPOSITORY_ID");
        copy(env, github, "repository_owner_id", "GITHUB_REPOSITORY_OWNER_ID");
        ObjectNode dependency = definition.putArray("resolvedDependencies").addObject();
        dependency.put("uri", "git+" + server + "/" + repository + "@" + required(env, "GITHUB_REF"));
        copy(env, dependency.putObject("digest"), "gitCommit", "GITHUB_SHA");
        ObjectNode run = predicate.putObject("runDetails");
        run.putObject("builder").put("id", "https://github.com/actions/runner/" + required(env, "RUNNER_ENVIRONMENT"));
        run.putObject("metadata").put("invocationId", server + "/" + repository + "/actions/runs/"
                + required(env, "GITHUB_RUN_ID") + "/attempts/" + required(env, "GITHUB_RUN_ATTEMPT"));
        return statement;
    }

    private static ObjectNode gitlab(ArrayNode subject, Map<String, String> env) {
        String projectUrl = required(env, "CI_PROJECT_URL");
        ObjectNode statement = JSON.objectNode();
        statement.put("_type", Statement.TYPE_V01);
        statement.set("subject", subject);
        statement.put("predicateType", SLSA_V02);
        ObjectNode predicate = statement.putObject("predicate");
        predicate.put("buildType", GITLAB_BUILD_TYPE);
        predicate.putObject("builder").put("id", projectUrl + "/-/runners/" + required(env, "CI_RUNNER_ID"));
        ObjectNode invocation = predicate.putObject("invocation");
        ObjectNode configSource = invocation.putObject("configSource");
        configSource.put("uri", "git+" + projectUrl);
        copy(env, configSource.putObject("digest"), "sha1", "CI_COMMIT_SHA");
        copy(env, configSource, "entryPoint", "CI_JOB_NAME");
        ObjectNode parameters = invocation.putObject("parameters");
        GITLAB_PARAMETERS.forEach(variable -> copy(env, parameters, variable, variable));
        ObjectNode environment = invocation.putObject("environment");
        copy(env, environment, "name", "CI_RUNNER_DESCRIPTION");
        copy(env, environment, "architecture", "CI_RUNNER_EXECUTABLE_ARCH");
        copy(env, environment, "server", "CI_SERVER_URL");
        copy(env, environment, "project", "CI_PROJECT_PATH");
        copy(env, environment.putObject("job"), "id", "CI_JOB_ID");
        ObjectNode pipeline = environment.putObject("pipeline");
        copy(env, pipeline, "id", "CI_PIPELINE_ID");
        copy(env, pipeline, "ref", "CI_CONFIG_PATH");
        ObjectNode metadata = predicate.putObject("metadata");
        metadata.put("buildInvocationId", required(env, "CI_JOB_URL"));
        metadata.putObject("completeness").put("parameters", true).put("environment", true).put("materials", false);
        metadata.put("reproducible", false);
        ObjectNode material = predicate.putArray("materials").addObject();
        material.put("uri", "git+" + projectUrl);
        copy(env, material.putObject("digest"), "sha1", "CI_COMMIT_SHA");
        return statement;
    }

    /** SLSA v1 from the certificate's Fulcio extensions; the run's facts come from the CA, not from the job. */
    private static ObjectNode certified(ArrayNode subject, FulcioCertificate certificate) {
        String repository = certified(certificate.sourceRepositoryUri(), "source repository (OID 1.3.6.1.4.1.57264.1.12)");
        ObjectNode statement = JSON.objectNode();
        statement.put("_type", Statement.TYPE_V1);
        statement.set("subject", subject);
        statement.put("predicateType", SLSA_V1);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", OIDC_BUILD_TYPE);
        ObjectNode external = definition.putObject("externalParameters");
        ObjectNode source = external.putObject("source");
        source.put("repository", repository);
        certificate.sourceRepositoryRef().ifPresent(ref -> source.put("ref", ref));
        certificate.buildConfigUri().ifPresent(config -> external.put("buildConfig", config));
        ObjectNode internal = definition.putObject("internalParameters");
        certificate.issuer().ifPresent(issuer -> internal.put("issuer", issuer));
        certificate.buildTrigger().ifPresent(trigger -> internal.put("trigger", trigger));
        certificate.sourceRepositoryVisibility().ifPresent(v -> internal.put("sourceRepositoryVisibility", v));
        ObjectNode dependency = definition.putArray("resolvedDependencies").addObject();
        dependency.put("uri", "git+" + repository + certificate.sourceRepositoryRef().map(ref -> "@" + ref).orElse(""));
        certificate.sourceRepositoryDigest().ifPresent(commit -> dependency.putObject("digest").put("gitCommit", commit));
        ObjectNode run = predicate.putObject("runDetails");
        run.putObject("builder").put("id", certificate.buildSignerUri().orElse(certificate.san().value()));
        certificate.runInvocationUri().ifPresent(id -> run.putObject("metadata").put("invocationId", id));
        return statement;
    }

    private static String certified(Optional<String> value, String what) {
        return value.orElseThrow(() -> CliException.failed("the CA's certificate states no " + what
                + ": without it there is no source to state provenance for"));
    }

    private static String required(Map<String, String> env, String variable) {
        String value = env.get(variable);
        if (value == null) {
            throw CliException.usage(variable + " is not set: the CI environment is incomplete for a provenance statement");
        }
        return value;
    }

    private static void copy(Map<String, String> env, ObjectNode target, String field, String variable) {
        String value = env.get(variable);
        if (value != null) {
            target.put(field, value);
        }
    }
}
