package dev.hallmark.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the YAML tree by hand rather than binding it, so that every unknown key and every wrongly typed value is
 * collected (data binding stops at the first). Missing keys take their defaults; a bad value is reported and
 * replaced by its default so the walk can go on.
 */
final class ConfigReader {
    private final List<String> problems = new ArrayList<>();

    List<String> problems() {
        return problems;
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
        return new HallmarkConfig(server, service(top, "registry"), service(top, "ca"), service(top, "ct"),
                service(top, "log"), service(top, "tsa"), service(top, "tuf"), storage, limits, oidc(top.path("oidc")),
                witnesses(top.path("witnesses"), d.witnesses()), dev);
    }

    private ServiceConfig service(JsonNode top, String name) {
        JsonNode node = object(top.path(name), name, Set.of("baseUrl"));
        return new ServiceConfig(string(node, name + ".baseUrl"));
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
            JsonNode issuer = object(list.get(i), where, Set.of("type", "url", "audience"));
            Optional<String> type = string(issuer, where + ".type");
            Optional<OidcIssuerConfig.IssuerType> parsed = type.flatMap(OidcIssuerConfig.IssuerType::parse);
            if (parsed.isEmpty()) {
                problems.add(where + ".type must be one of github-workflow, gitlab-pipeline, email, uri, ci-provider");
            }
            Optional<String> url = string(issuer, where + ".url");
            Optional<String> audience = string(issuer, where + ".audience");
            if (url.isEmpty()) {
                problems.add(where + ".url is required");
            }
            if (audience.isEmpty()) {
                problems.add(where + ".audience is required");
            }
            if (parsed.isPresent() && url.isPresent() && audience.isPresent()) {
                issuers.add(new OidcIssuerConfig(parsed.get(), url.get(), audience.get()));
            }
        }
        return new OidcConfig(issuers);
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
