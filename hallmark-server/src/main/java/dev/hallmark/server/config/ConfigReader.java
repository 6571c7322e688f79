package dev.hallmark.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.ca.fulcio.ClaimMapping;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.core.x509.FulcioExtension;
import dev.hallmark.server.config.OidcIssuerConfig.IssuerUrl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the YAML tree by hand rather than binding it, so that every unknown key and every wrongly typed value is
 * collected (data binding stops at the first). Missing keys take their defaults; a bad value is reported and
 * replaced by its default so the walk can go on.
 */
final class ConfigReader {
    private final List<String> problems = new ArrayList<>();
    private final List<Integer> issuerIndexes = new ArrayList<>();

    List<String> problems() {
        return problems;
    }

    /** The position in the file of each issuer read (unreadable ones are left out, after reporting them). */
    List<Integer> issuerIndexes() {
        return issuerIndexes;
    }

    HallmarkConfig read(JsonNode root) {
        HallmarkConfig d = HallmarkConfig.defaults();
        JsonNode top = object(root, "", Set.of("server", "registry", "ca", "ct", "log", "tsa", "tuf", "storage", "limits",
                "oidc", "witnesses", "dev"));
        JsonNode s = object(top.path("server"), "server", Set.of("host", "port", "publicUrl"));
        ServerConfig server = new ServerConfig(
                string(s, "server.host").orElse(d.server().host()),
                int32(s, "server.port").orElse(d.server().port()),
                string(s, "server.publicUrl"));
        JsonNode st = object(top.path("storage"), "storage", Set.of("databaseUrl"));
        StorageConfig storage = new StorageConfig(string(st, "storage.databaseUrl").orElse(d.storage().databaseUrl()));
        JsonNode l = object(top.path("limits"), "limits", Set.of("maxRequestBodyBytes", "maxRequestHeaderBytes",
                "maxConcurrentRequests"));
        LimitsConfig dl = d.limits();
        LimitsConfig limits = new LimitsConfig(
                integer(l, "limits.maxRequestBodyBytes").orElse(dl.maxRequestBodyBytes()),
                int32(l, "limits.maxRequestHeaderBytes").orElse(dl.maxRequestHeaderBytes()),
                int32(l, "limits.maxConcurrentRequests").orElse(dl.maxConcurrentRequests()));
        boolean dev = false;
        JsonNode devNode = top.path("dev");
        if (!devNode.isMissingNode() && !devNode.isNull()) {
            if (devNode.isBoolean()) {
                dev = devNode.booleanValue();
            } else {
                problems.add("dev must be true or false");
            }
        }
        return new HallmarkConfig(server, service(top, "registry", REGISTRY_KEYS), service(top, "ca"),
                service(top, "ct"), service(top, "log"), service(top, "tsa"), service(top, "tuf"), storage, limits,
                oidc(top.path("oidc")), witnesses(top.path("witnesses"), d.witnesses()),
                registryPolicy(top.path("registry"), d.registryPolicy()), dev);
    }

    private static final Set<String> REGISTRY_KEYS = Set.of("baseUrl", "anonymousReads", "openSignup",
            "maxTarballBytes", "unpublishWindowHours", "provenance");

    private ServiceConfig service(JsonNode top, String name) {
        return service(top, name, Set.of("baseUrl"));
    }

    private ServiceConfig service(JsonNode top, String name, Set<String> keys) {
        JsonNode node = object(top.path(name), name, keys);
        return new ServiceConfig(string(node, name + ".baseUrl"));
    }

    /** The registry section's policy keys (its unknown keys were already reported with its baseUrl). */
    private RegistryConfig registryPolicy(JsonNode node, RegistryConfig d) {
        if (!node.isObject()) {
            return d;
        }
        return new RegistryConfig(bool(node, "registry.anonymousReads").orElse(d.anonymousReads()),
                bool(node, "registry.openSignup").orElse(d.openSignup()),
                integer(node, "registry.maxTarballBytes").orElse(d.maxTarballBytes()),
                int32(node, "registry.unpublishWindowHours").orElse(d.unpublishWindowHours()),
                provenance(node.path("provenance"), d.provenance()));
    }

    private RegistryConfig.Provenance provenance(JsonNode parent, RegistryConfig.Provenance d) {
        JsonNode node = object(parent, "registry.provenance", Set.of("requiredFor", "allowedIssuers",
                "allowSelfHostedRunners", "allowPrivateRepositories", "extraTrustedRoots"));
        if (!node.isObject()) {
            return d;
        }
        return new RegistryConfig.Provenance(
                strings(node, "registry.provenance.requiredFor").orElse(d.requiredFor()),
                strings(node, "registry.provenance.allowedIssuers").orElse(d.allowedIssuers()),
                bool(node, "registry.provenance.allowSelfHostedRunners").orElse(d.allowSelfHostedRunners()),
                bool(node, "registry.provenance.allowPrivateRepositories").orElse(d.allowPrivateRepositories()),
                strings(node, "registry.provenance.extraTrustedRoots").orElse(d.extraTrustedRoots()));
    }

    private Optional<List<String>> strings(JsonNode parent, String path) {
        JsonNode node = parent.path(leaf(path));
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isTextual()) {
                    out.add(item.textValue());
                } else {
                    problems.add(path + " must be a list of strings");
                    return Optional.empty();
                }
            }
            return Optional.of(out);
        }
        problems.add(path + " must be a list of strings");
        return Optional.empty();
    }

    private Optional<Boolean> bool(JsonNode parent, String path) {
        JsonNode node = parent.path(leaf(path));
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            problems.add(path + " must be true or false");
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    private WitnessConfig witnesses(JsonNode node, WitnessConfig d) {
        JsonNode w = object(node, "witnesses", Set.of("policyFile", "failOpen", "timeoutMillis"));
        boolean failOpen = d.failOpen();
        JsonNode fo = w.path("failOpen");
        if (!fo.isMissingNode() && !fo.isNull()) {
            if (fo.isBoolean()) {
                failOpen = fo.booleanValue();
            } else {
                problems.add("witnesses.failOpen must be true or false");
            }
        }
        return new WitnessConfig(string(w, "witnesses.policyFile").filter(f -> !f.isBlank()), failOpen,
                int32(w, "witnesses.timeoutMillis").orElse(d.timeoutMillis()));
    }

    private OidcConfig oidc(JsonNode node) {
        JsonNode o = object(node, "oidc", Set.of("issuers"));
        JsonNode list = o.path("issuers");
        List<OidcIssuerConfig> issuers = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return OidcConfig.DEFAULT;
        }
        if (!list.isArray()) {
            problems.add("oidc.issuers must be a list");
            return OidcConfig.DEFAULT;
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "oidc.issuers[" + i + "]";
            JsonNode issuer = object(list.get(i), where, Set.of("type", "url", "wildcardUrl", "audience", "claimMapping"));
            Optional<IssuerType> type = string(issuer, where + ".type").flatMap(IssuerType::named);
            if (type.isEmpty()) {
                problems.add(where + ".type must be one of " + String.join(", ",
                        Arrays.stream(IssuerType.values()).map(IssuerType::configName).toList()));
            }
            Optional<IssuerUrl> url = issuerUrl(issuer, where);
            Optional<String> audience = string(issuer, where + ".audience");
            if (audience.isEmpty()) {
                problems.add(where + ".audience is required");
            }
            Optional<ClaimMapping> mapping = claimMapping(issuer.path("claimMapping"), where + ".claimMapping");
            if (type.isPresent() && url.isPresent() && audience.isPresent()) {
                issuers.add(new OidcIssuerConfig(type.get(), url.get(), audience.get(), mapping));
                issuerIndexes.add(i);
            }
        }
        return new OidcConfig(issuers);
    }

    /** Exactly one of {@code url} (exact match) and {@code wildcardUrl} (Fulcio's meta issuers). */
    private Optional<IssuerUrl> issuerUrl(JsonNode issuer, String where) {
        Optional<String> exact = string(issuer, where + ".url");
        Optional<String> wildcard = string(issuer, where + ".wildcardUrl");
        if (exact.isPresent() && wildcard.isPresent()) {
            problems.add(where + " has both url and wildcardUrl; give exactly one");
            return Optional.empty();
        }
        if (exact.isEmpty() && wildcard.isEmpty()) {
            problems.add(where + ".url (or wildcardUrl) is required");
            return Optional.empty();
        }
        return exact.<IssuerUrl>map(IssuerUrl.Exact::new).or(() -> wildcard.map(IssuerUrl.Wildcard::new));
    }

    /**
     * Fulcio's ci-issuer-metadata shape ({@link ClaimMapping}). Every unknown extension name, malformed template and
     * bad default is reported; the mapping is built only when there was none.
     */
    private Optional<ClaimMapping> claimMapping(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        int before = problems.size();
        JsonNode m = object(node, where, Set.of("subjectAlternativeNameTemplate", "extensionTemplates", "defaultTemplateValues"));
        Optional<String> san = string(m, where + ".subjectAlternativeNameTemplate");
        san.flatMap(ClaimMapping::templateProblem).ifPresent(p -> problems.add(where + ".subjectAlternativeNameTemplate: " + p));
        Map<FulcioExtension, String> extensions = new EnumMap<>(FulcioExtension.class);
        stringMap(m.path("extensionTemplates"), where + ".extensionTemplates").forEach((name, template) -> {
            String at = where + ".extensionTemplates." + name;
            Optional<FulcioExtension> extension = ClaimMapping.extensionNamed(name);
            if (extension.isEmpty()) {
                problems.add(at + " is not a Fulcio extension name (such as sourceRepositoryURI)" + suggestion(name));
            } else if (ClaimMapping.FIXED.contains(extension.get())) {
                problems.add(at + " cannot be set: it always comes from the token");
            } else {
                ClaimMapping.templateProblem(template).ifPresent(p -> problems.add(at + ": " + p));
                extensions.put(extension.get(), template);
            }
        });
        if (!extensions.isEmpty() && san.isEmpty()) {
            problems.add(where + ".subjectAlternativeNameTemplate is required with extensionTemplates");
        }
        Map<String, String> defaults = stringMap(m.path("defaultTemplateValues"), where + ".defaultTemplateValues");
        defaults.forEach((name, value) -> ClaimMapping.defaultProblem(name, value)
                .ifPresent(p -> problems.add(where + ".defaultTemplateValues." + name + ": " + p)));
        if (defaults.size() > ClaimMapping.MAX_DEFAULTS) {
            problems.add(where + ".defaultTemplateValues has more than " + ClaimMapping.MAX_DEFAULTS + " entries");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClaimMapping(san, extensions, defaults));
        } catch (IllegalArgumentException e) { // every rule was checked above; kept so a new one cannot slip through
            problems.add(where + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Fulcio's config.yaml spells extensions in kebab-case ({@code source-repository-uri}); point at our name. */
    private static String suggestion(String name) {
        String folded = name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        return ClaimMapping.extensionNames().stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(folded))
                .findFirst().map(n -> "; did you mean " + n + "?").orElse("");
    }

    /** A mapping of strings to strings (missing: empty), each wrongly typed value reported. */
    private Map<String, String> stringMap(JsonNode node, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(where + " must be a mapping");
            return out;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getValue().isTextual()) {
                out.put(field.getKey(), field.getValue().textValue());
            } else {
                problems.add(where + "." + field.getKey() + " must be a string");
            }
        }
        return out;
    }

    /** The node as an object (missing or null: an empty one), reporting keys this version does not know. */
    private JsonNode object(JsonNode node, String where, Set<String> known) {
        if (node.isMissingNode() || node.isNull()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!node.isObject()) {
            problems.add((where.isEmpty() ? "the document" : where) + " must be a mapping");
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add((where.isEmpty() ? "" : where + ".") + name + " is not a known setting");
            }
        }
        return node;
    }

    private Optional<String> string(JsonNode parent, String path) {
        JsonNode node = parent.path(leaf(path));
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problems.add(path + " must be a string");
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    private Optional<Long> integer(JsonNode parent, String path) {
        JsonNode node = parent.path(leaf(path));
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problems.add(path + " must be an integer");
            return Optional.empty();
        }
        return Optional.of(node.longValue());
    }

    private Optional<Integer> int32(JsonNode parent, String path) {
        Optional<Long> value = integer(parent, path);
        if (value.isPresent() && (value.get() < Integer.MIN_VALUE || value.get() > Integer.MAX_VALUE)) {
            problems.add(path + " is out of range");
            return Optional.empty();
        }
        return value.map(Long::intValue);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
