package dev.hallmark.registry.api;

import static dev.hallmark.registry.RegistryException.Reason.INVALID_REQUEST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.auth.Accounts;
import dev.hallmark.registry.auth.Principal;
import dev.hallmark.registry.store.RegistryStorageException;
import dev.hallmark.registry.store.StoredToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /-/npm/v1/tokens} bodies (npm.md §8, npm's {@code token} command): list pages and created tokens. */
final class TokenResponses {
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)");

    private TokenResponses() {
    }

    static RegistryResponse list(List<StoredToken> tokens) {
        ObjectNode root = Json.object();
        ArrayNode objects = root.putArray("objects");
        tokens.forEach(t -> objects.add(object(t)));
        root.put("total", tokens.size());
        root.putObject("urls").putNull("next");
        return RegistryResponse.json(200, root);
    }

    static RegistryResponse create(Accounts accounts, Principal principal, ObjectNode body)
            throws RegistryException, RegistryStorageException, FormatException {
        String password = Json.requireText(body, "password");
        boolean readonly = body.path("readonly").asBoolean(false)
                || "read-only".equals(body.path("packages_and_scopes_permission").asText(""));
        List<String> cidr = new ArrayList<>();
        JsonNode list = body.get("cidr_whitelist");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > 32) {
                throw new RegistryException(INVALID_REQUEST, "cidr_whitelist must be a list of at most 32 IPv4 CIDRs");
            }
            for (JsonNode c : list) {
                if (!c.isTextual() || !IPV4_CIDR.matcher(c.asText()).matches()) {
                    throw new RegistryException(INVALID_REQUEST, "invalid CIDR: " + c);
                }
                cidr.add(c.asText());
            }
        }
        Optional<Duration> lifetime = Optional.empty();
        JsonNode expires = body.get("expires");
        if (expires != null && !expires.isNull()) {
            if (!expires.canConvertToInt() || expires.asInt() < 1 || expires.asInt() > 3650) {
                throw new RegistryException(INVALID_REQUEST, "expires is a number of days from 1 to 3650");
            }
            lifetime = Optional.of(Duration.ofDays(expires.asInt()));
        }
        Accounts.IssuedToken issued = accounts.createToken(principal, password, readonly, cidr, lifetime);
        ObjectNode created = object(issued.stored());
        created.put("token", issued.secret());
        return RegistryResponse.json(201, created);
    }

    private static ObjectNode object(StoredToken t) {
        ObjectNode o = Json.object();
        o.put("key", t.key());
        o.put("token", t.prefix());
        o.put("name", t.name());
        o.put("created", t.createdAt().toString());
        o.put("updated", t.createdAt().toString());
        o.put("readonly", t.readonly());
        ArrayNode cidr = o.putArray("cidr_whitelist");
        t.cidr().forEach(cidr::add);
        t.expiresAt().ifPresent(e -> o.put("expires", e.toString()));
        return o;
    }
}
