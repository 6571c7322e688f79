package dev.hallmark.ca.fulcio;

import static dev.hallmark.core.x509.FulcioExtension.ISSUER;
import static dev.hallmark.core.x509.FulcioExtension.ISSUER_V1;
import static dev.hallmark.core.x509.FulcioExtension.TOKEN_SUBJECT;

import dev.hallmark.core.x509.FulcioExtension;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One issuer's claim mapping from configuration, shaped like an entry of Fulcio's {@code ci-issuer-metadata}
 * ({@code config/identity/config.yaml}; {@code IssuerMetadata} in {@code pkg/config/config.go}): a SAN template, one
 * template per extension, and default values for variables the token may lack (claims win over defaults).
 *
 * <p>With a SAN template the mapping is the whole profile, as in Fulcio: only the extensions it lists are written,
 * besides the issuer (1.1, 1.8) and the token subject (1.24), which always come from {@code iss} and {@code sub}
 * (Fulcio's ci-provider principal likewise never templates the issuer). Without one, it may only set defaults: the
 * issuer keeps its type's templates with other default values, e.g. {@code url} for a GitHub Enterprise Server issuer.
 *
 * <p>Extensions are named as Fulcio's {@code certificate.Extensions} fields, first letter lower-case
 * ({@code sourceRepositoryURI}, {@code buildSignerDigest}, …).
 */
public record ClaimMapping(Optional<String> subjectAlternativeNameTemplate,
                           Map<FulcioExtension, String> extensionTemplates,
                           Map<String, String> defaultTemplateValues) {
    /** Default values are extension values; IdentityProfile refuses longer ones anyway. */
    public static final int MAX_DEFAULT_BYTES = IdentityProfile.MAX_VALUE_BYTES;
    public static final int MAX_DEFAULTS = 64;
    /** The extensions whose value is fixed by the token, never by a template. */
    public static final Set<FulcioExtension> FIXED = Collections.unmodifiableSet(EnumSet.of(ISSUER_V1, ISSUER, TOKEN_SUBJECT));

    private static final Map<FulcioExtension, String> NAMES = names();

    public ClaimMapping {
        Objects.requireNonNull(subjectAlternativeNameTemplate, "subjectAlternativeNameTemplate");
        subjectAlternativeNameTemplate.ifPresent(ClaimTemplate::validate);
        EnumMap<FulcioExtension, String> templates = new EnumMap<>(FulcioExtension.class);
        templates.putAll(Objects.requireNonNull(extensionTemplates, "extensionTemplates"));
        for (Map.Entry<FulcioExtension, String> e : templates.entrySet()) {
            if (FIXED.contains(e.getKey())) {
                throw new IllegalArgumentException(e.getKey().displayName() + " always comes from the token");
            }
            ClaimTemplate.validate(e.getValue());
        }
        if (!templates.isEmpty() && subjectAlternativeNameTemplate.isEmpty()) {
            throw new IllegalArgumentException("extension templates need a subject alternative name template");
        }
        extensionTemplates = Collections.unmodifiableMap(templates);
        Objects.requireNonNull(defaultTemplateValues, "defaultTemplateValues");
        if (defaultTemplateValues.size() > MAX_DEFAULTS) {
            throw new IllegalArgumentException("more than " + MAX_DEFAULTS + " default values");
        }
        defaultTemplateValues.forEach((name, value) -> {
            Optional<String> problem = defaultProblem(name, value);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get());
            }
        });
        defaultTemplateValues = Collections.unmodifiableMap(new TreeMap<>(defaultTemplateValues));
    }

    /** The extension a configuration names, by Fulcio's field name. */
    public static Optional<FulcioExtension> extensionNamed(String name) {
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * Fulcio's name of an extension, as a configuration writes it. The fixed ones, which no configuration may set, are
     * named too ({@code issuerV1}, {@code issuer}, {@code tokenSubject}) so that an attempt is reported as such.
     */
    public static String nameOf(FulcioExtension extension) {
        return NAMES.get(extension);
    }

    /** The names a configuration may use for extension templates, in OID order. */
    public static Set<String> extensionNames() {
        return Set.copyOf(NAMES.entrySet().stream().filter(e -> !FIXED.contains(e.getKey())).map(Map.Entry::getValue).toList());
    }

    /** What is wrong with a SAN or extension template, if anything (for the configuration's error list). */
    public static Optional<String> templateProblem(String template) {
        return ClaimTemplate.problem(Objects.requireNonNull(template, "template"));
    }

    /** What is wrong with one default value, if anything. */
    public static Optional<String> defaultProblem(String name, String value) {
        if (!ClaimTemplate.isName(name)) {
            return Optional.of("'" + name + "' is not a claim name");
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DEFAULT_BYTES) {
            return Optional.of("the default for " + name + " is longer than " + MAX_DEFAULT_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /** The profile this mapping gives an issuer whose type's standard profile is {@code typeProfile}. */
    IdentityProfile applyTo(IdentityProfile typeProfile) {
        if (subjectAlternativeNameTemplate.isEmpty()) {
            IdentityProfile profile = typeProfile;
            for (Map.Entry<String, String> d : defaultTemplateValues.entrySet()) {
                profile = profile.withDefault(d.getKey(), d.getValue());
            }
            return profile;
        }
        Map<FulcioExtension, String> templates = new EnumMap<>(FulcioExtension.class);
        templates.putAll(extensionTemplates);
        templates.put(ISSUER_V1, "iss");
        templates.put(ISSUER, "iss");
        templates.put(TOKEN_SUBJECT, "sub");
        // the SAN kind stays the type's: rfc822Name for e-mail issuers, URI for every other (sigstore.md §1.2)
        return new IdentityProfile(typeProfile.sanKind(), subjectAlternativeNameTemplate.get(), templates,
                defaultTemplateValues, Map.of());
    }

    private static Map<FulcioExtension, String> names() {
        Map<FulcioExtension, String> names = new EnumMap<>(FulcioExtension.class);
        for (FulcioExtension e : FulcioExtension.values()) {
            names.put(e, switch (e) {
                case ISSUER_V1 -> "issuerV1";
                case GITHUB_WORKFLOW_TRIGGER -> "githubWorkflowTrigger";
                case GITHUB_WORKFLOW_SHA -> "githubWorkflowSHA";
                case GITHUB_WORKFLOW_NAME -> "githubWorkflowName";
                case GITHUB_WORKFLOW_REPOSITORY -> "githubWorkflowRepository";
                case GITHUB_WORKFLOW_REF -> "githubWorkflowRef";
                case ISSUER -> "issuer";
                case BUILD_SIGNER_URI -> "buildSignerURI";
                case BUILD_SIGNER_DIGEST -> "buildSignerDigest";
                case RUNNER_ENVIRONMENT -> "runnerEnvironment";
                case SOURCE_REPOSITORY_URI -> "sourceRepositoryURI";
                case SOURCE_REPOSITORY_DIGEST -> "sourceRepositoryDigest";
                case SOURCE_REPOSITORY_REF -> "sourceRepositoryRef";
                case SOURCE_REPOSITORY_IDENTIFIER -> "sourceRepositoryIdentifier";
                case SOURCE_REPOSITORY_OWNER_URI -> "sourceRepositoryOwnerURI";
                case SOURCE_REPOSITORY_OWNER_IDENTIFIER -> "sourceRepositoryOwnerIdentifier";
                case BUILD_CONFIG_URI -> "buildConfigURI";
                case BUILD_CONFIG_DIGEST -> "buildConfigDigest";
                case BUILD_TRIGGER -> "buildTrigger";
                case RUN_INVOCATION_URI -> "runInvocationURI";
                case SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING -> "sourceRepositoryVisibilityAtSigning";
                case DEPLOYMENT_ENVIRONMENT -> "deploymentEnvironment";
                case TOKEN_SUBJECT -> "tokenSubject";
            });
        }
        return Collections.unmodifiableMap(names);
    }
}
