package dev.hallmark.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hallmark.ca.fulcio.ClaimMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;


/**
 * Reads and writes {@code hallmark.yaml}. Reading collects every problem (unknown keys, wrong types, values out of
 * range, malformed URLs) and throws them together, after the command-line overrides are applied, so a bad flag is
 * reported alongside a bad file.
 */
public final class ConfigCodec {
    /** A configuration file is small; anything larger is a mistake (or not ours). */
    static final int MAX_BYTES = 1024 * 1024;
    private static final String HEADER = """
            # Hallmark configuration, written at first start; edit and restart to change.
            # null values are derived: server.publicUrl is http://<host>:<port>, and each service's baseUrl is
            # server.publicUrl followed by its prefix (registry /, ca /ca, ct /ct, log /log, tsa /tsa, tuf /tuf).
            # Relative jdbc:sqlite: paths are inside the data directory.
            # registry: anonymousReads lets anyone read packages; openSignup lets npm adduser create accounts;
            # maxTarballBytes must fit limits.maxRequestBodyBytes once base64-encoded (x4/3).
            # registry.provenance: requiredFor lists packages ("name", "@scope/*", "*") that must carry provenance;
            # allowedIssuers limits the OIDC issuers of provenance certificates (empty: any the trusted CAs certified);
            # allowSelfHostedRunners / allowPrivateRepositories accept what npmjs refuses; extraTrustedRoots names
            # trusted_root.json files accepted besides this instance's (e.g. public-good Sigstore's).
            # witnesses.policyFile names a witness policy (Tessera format: "witness <name> <vkey> <url>", "quorum ...");
            # checkpoints are published once the quorum cosigned them (or regardless, with failOpen: true).
            # oidc.issuers are the only OIDC issuers the CA trusts. Each has a type (github-workflow, gitlab-pipeline,
            # email, uri, ci-provider), an audience (usually sigstore) and exactly one of
            #   url: https://token.actions.githubusercontent.com    (the token's iss must equal it)
            #   wildcardUrl: https://*.ghe.example/_services/token  (each * is one host label or path segment)
            # and optionally a claimMapping shaped like Fulcio's ci-issuer-metadata, e.g. for a ci-provider:
            #   claimMapping:
            #     subjectAlternativeNameTemplate: "{{url}}/{{pipeline}}"
            #     extensionTemplates: {sourceRepositoryURI: "{{url}}/{{repository}}", sourceRepositoryDigest: sha}
            #     defaultTemplateValues: {url: https://ci.example}
            # A template is a claim name or text with {{claim}} variables (Fulcio's {{ .claim }} also works); claims win
            # over defaults. Extension names are Fulcio's: githubWorkflowTrigger, githubWorkflowSHA, githubWorkflowName,
            # githubWorkflowRepository, githubWorkflowRef, buildSignerURI, buildSignerDigest, runnerEnvironment,
            # sourceRepositoryURI, sourceRepositoryDigest, sourceRepositoryRef, sourceRepositoryIdentifier,
            # sourceRepositoryOwnerURI, sourceRepositoryOwnerIdentifier, buildConfigURI, buildConfigDigest, buildTrigger,
            # runInvocationURI, sourceRepositoryVisibilityAtSigning, deploymentEnvironment. With a
            # subjectAlternativeNameTemplate the mapping replaces the type's (issuer and token subject always come from
            # iss and sub); defaultTemplateValues alone keep the type's templates, e.g. url for GitHub Enterprise Server.
            """;
    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private ConfigCodec() {
    }

    public static HallmarkConfig read(byte[] yaml) throws ConfigException {
        return read(yaml, ConfigOverrides.NONE);
    }

    /** Parses, applies the overrides and validates; all problems are reported in one exception. */
    public static HallmarkConfig read(byte[] yaml, ConfigOverrides overrides) throws ConfigException {
        if (yaml.length > MAX_BYTES) {
            throw new ConfigException(List.of("the file is larger than " + MAX_BYTES + " bytes"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ConfigException(List.of("not valid YAML" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of("not valid YAML"));
        }
        ConfigReader reader = new ConfigReader();
        HallmarkConfig config = reader.read(root == null ? MAPPER.createObjectNode() : root).with(overrides);
        List<String> problems = new ArrayList<>(reader.problems());
        problems.addAll(ConfigValidator.validate(config, reader.issuerIndexes()));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** Every semantic problem of a configuration (empty when it is usable). */
    public static List<String> validate(HallmarkConfig config) {
        return ConfigValidator.validate(config);
    }

    public static byte[] write(HallmarkConfig config) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode server = root.putObject("server");
        server.put("host", config.server().host());
        server.put("port", config.server().port());
        server.put("publicUrl", config.server().publicUrl().orElse(null));
        ObjectNode registry = service(root, "registry", config.registry());
        registry.put("anonymousReads", config.registryPolicy().anonymousReads());
        registry.put("openSignup", config.registryPolicy().openSignup());
        registry.put("maxTarballBytes", config.registryPolicy().maxTarballBytes());
        registry.put("unpublishWindowHours", config.registryPolicy().unpublishWindowHours());
        RegistryConfig.Provenance p = config.registryPolicy().provenance();
        ObjectNode provenance = registry.putObject("provenance");
        p.requiredFor().forEach(provenance.putArray("requiredFor")::add);
        p.allowedIssuers().forEach(provenance.putArray("allowedIssuers")::add);
        provenance.put("allowSelfHostedRunners", p.allowSelfHostedRunners());
        provenance.put("allowPrivateRepositories", p.allowPrivateRepositories());
        p.extraTrustedRoots().forEach(provenance.putArray("extraTrustedRoots")::add);
        service(root, "ca", config.ca());
        service(root, "ct", config.ct());
        service(root, "log", config.log());
        service(root, "tsa", config.tsa());
        service(root, "tuf", config.tuf());
        root.putObject("storage").put("databaseUrl", config.storage().databaseUrl());
        ObjectNode limits = root.putObject("limits");
        limits.put("maxRequestBodyBytes", config.limits().maxRequestBodyBytes());
        limits.put("maxRequestHeaderBytes", config.limits().maxRequestHeaderBytes());
        limits.put("maxConcurrentRequests", config.limits().maxConcurrentRequests());
        ArrayNode issuers = root.putObject("oidc").putArray("issuers");
        for (OidcIssuerConfig issuer : config.oidc().issuers()) {
            ObjectNode entry = issuers.addObject().put("type", issuer.type().configName())
                    .put(issuer.url().key(), issuer.url().text()).put("audience", issuer.audience());
            issuer.claimMapping().ifPresent(mapping -> claimMapping(entry.putObject("claimMapping"), mapping));
        }
        ObjectNode witnesses = root.putObject("witnesses");
        witnesses.put("policyFile", config.witnesses().policyFile().orElse(null));
        witnesses.put("failOpen", config.witnesses().failOpen());
        witnesses.put("timeoutMillis", config.witnesses().timeoutMillis());
        root.put("dev", config.dev());
        try {
            return (HEADER + MAPPER.writeValueAsString(root)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void claimMapping(ObjectNode node, ClaimMapping mapping) {
        mapping.subjectAlternativeNameTemplate().ifPresent(san -> node.put("subjectAlternativeNameTemplate", san));
        if (!mapping.extensionTemplates().isEmpty()) {
            ObjectNode templates = node.putObject("extensionTemplates");
            mapping.extensionTemplates().forEach((extension, template) -> templates.put(ClaimMapping.nameOf(extension), template));
        }
        if (!mapping.defaultTemplateValues().isEmpty()) {
            ObjectNode defaults = node.putObject("defaultTemplateValues");
            mapping.defaultTemplateValues().forEach(defaults::put);
        }
    }

    private static ObjectNode service(ObjectNode root, String name, ServiceConfig service) {
        return root.putObject(name).put("baseUrl", service.baseUrl().orElse(null));
    }

}
