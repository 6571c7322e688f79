package dev.hallmark.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.x509.FulcioCertificate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What an audit expects of each package's provenance, read from a YAML file:
 * <pre>
 * packages:
 *   "widget" | "@acme/*" | "*":
 *     repository: https://github.com/acme/widget
 *     workflow: .github/workflows/release.yml   # optional
 *     ref: refs/heads/main                      # optional; a regex when written /…/
 *     issuer: https://token.actions.githubusercontent.com   # optional
 *     requireProvenance: true
 * </pre>
 * The most specific pattern wins: an exact name, then its scope, then {@code *}. Identity fields are checked
 * against the verified provenance certificate (Fulcio extensions, sigstore.md §4); {@code requireProvenance} makes
 * a package without provenance a failure.
 */
public record AuditPolicy(Map<String, Rule> rules) {
    public static final int MAX_BYTES = 1024 * 1024;
    private static final Set<String> FIELDS = Set.of("repository", "workflow", "ref", "issuer", "requireProvenance");

    public AuditPolicy {
        rules = Map.copyOf(rules);
    }

    public static final AuditPolicy NONE = new AuditPolicy(Map.of());

    /** One package pattern's expectations; an empty field means "any". */
    public record Rule(Optional<String> repository, Optional<String> workflow, Optional<Pattern> ref,
                       Optional<String> issuer, boolean requireProvenance) {
        public Rule {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(issuer, "issuer");
        }
    }

    public static AuditPolicy parse(byte[] yaml) throws FormatException {
        if (yaml.length > MAX_BYTES) {
            throw new FormatException("policy is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FormatException("policy is not YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FormatException("policy is not readable: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("packages").isObject()) {
            throw new FormatException("policy has no 'packages' map");
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("packages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rules.put(pattern(e.getKey()), rule(e.getKey(), e.getValue()));
        }
        return new AuditPolicy(rules);
    }

    private static String pattern(String key) throws FormatException {
        boolean scope = key.matches("@[A-Za-z0-9][\\w.-]*/\\*");
        if (!key.equals("*") && !scope && (key.contains("*") || key.isBlank())) {
            throw new FormatException("policy pattern '" + key + "' is not a package name, @scope/* or *");
        }
        return key;
    }

    private static Rule rule(String key, JsonNode node) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException("policy entry '" + key + "' is not a map");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new FormatException("policy entry '" + key + "' has an unknown field '" + field + "'");
            }
        }
        JsonNode require = node.path("requireProvenance");
        if (!require.isMissingNode() && !require.isBoolean()) {
            throw new FormatException("policy entry '" + key + "': requireProvenance must be true or false");
        }
        return new Rule(text(node, key, "repository"), text(node, key, "workflow").map(w -> w.replaceFirst("^/+", "")),
                ref(key, text(node, key, "ref")), text(node, key, "issuer"), require.asBoolean(false));
    }

    private static Optional<String> text(JsonNode node, String key, String field) throws FormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new FormatException("policy entry '" + key + "': " + field + " must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    /** {@code /…/} is a regex matched against the whole ref; anything else must equal it. */
    private static Optional<Pattern> ref(String key, Optional<String> ref) throws FormatException {
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String r = ref.get();
        try {
            return Optional.of(r.length() >= 2 && r.startsWith("/") && r.endsWith("/")
                    ? Pattern.compile(r.substring(1, r.length() - 1)) : Pattern.compile(Pattern.quote(r)));
        } catch (PatternSyntaxException e) {
            throw new FormatException("policy entry '" + key + "': ref is not a valid regex: " + e.getDescription());
        }
    }

    /** The rule for a package: its exact name, else its scope's {@code @scope/*}, else {@code *}. */
    public Optional<Rule> ruleFor(String name) {
        Rule exact = rules.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (name.startsWith("@")) {
            Rule scope = rules.get(name.substring(0, name.indexOf('/')) + "/*");
            if (scope != null) {
                return Optional.of(scope);
            }
        }
        return Optional.ofNullable(rules.get("*"));
    }

    /** Why a package fails its rule; empty when it passes. {@code provenance} is the verified signer, if any. */
    public List<String> evaluate(String name, Optional<FulcioCertificate> provenance, boolean requireProvenance) {
        Optional<Rule> rule = ruleFor(name);
        List<String> failures = new ArrayList<>();
        if (provenance.isEmpty()) {
            if (requireProvenance || rule.map(Rule::requireProvenance).orElse(false)) {
                failures.add("no verified provenance");
            }
            return failures;
        }
        if (rule.isEmpty()) {
            return failures;
        }
        Rule r = rule.get();
        FulcioCertificate cert = provenance.get();
        Optional<String> repository = cert.sourceRepositoryUri();
        r.repository().ifPresent(expected -> expect(failures, "repository", expected, repository));
        r.workflow().ifPresent(expected -> expect(failures, "workflow", expected, workflowPath(cert)));
        r.issuer().ifPresent(expected -> expect(failures, "issuer", expected, cert.issuer()));
        r.ref().ifPresent(p -> {
            Optional<String> ref = cert.sourceRepositoryRef();
            if (ref.isEmpty() || !p.matcher(ref.get()).matches()) {
                failures.add("ref is " + ref.orElse("(none)") + ", policy expects " + p.pattern());
            }
        });
        return failures;
    }

    private static void expect(List<String> failures, String what, String expected, Optional<String> actual) {
        if (!actual.map(expected::equals).orElse(false)) {
            failures.add(what + " is " + actual.orElse("(none)") + ", policy expects " + expected);
        }
    }

    /**
     * The workflow file inside the repository: the Build Config URI is {@code <repo>/<path>@<ref>} on GitHub
     * ({@code <repo>//<path>@<ref>} on GitLab), so it is what lies after the repository and before the last {@code @}.
     */
    static Optional<String> workflowPath(FulcioCertificate cert) {
        Optional<String> config = cert.buildConfigUri();
        Optional<String> repository = cert.sourceRepositoryUri();
        if (config.isEmpty() || repository.isEmpty() || !config.get().startsWith(repository.get() + "/")) {
            return Optional.empty();
        }
        String rest = config.get().substring(repository.get().length()).replaceFirst("^/+", "");
        int at = rest.lastIndexOf('@');
        return Optional.of(at < 0 ? rest : rest.substring(0, at));
    }
}
