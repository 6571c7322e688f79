package dev.hallmark.registry.api;

import static dev.hallmark.registry.RegistryException.Reason.AUTHENTICATION_REQUIRED;
import static dev.hallmark.registry.RegistryException.Reason.INVALID_REQUEST;
import static dev.hallmark.registry.RegistryException.Reason.NOT_FOUND;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.Registry;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.auth.Accounts;
import dev.hallmark.registry.auth.Principal;
import dev.hallmark.registry.oidc.TrustedPublishing;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.publish.PublishRequestCodec;
import dev.hallmark.registry.store.RegistryStorageException;
import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredVersion;
import dev.hallmark.registry.upstream.ReadThrough;
import dev.hallmark.registry.upstream.UpstreamException;
import dev.hallmark.registry.upstream.UpstreamPackument;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * npm's registry wire protocol (npm.md §1–§9) over {@link Registry} and {@link Accounts}: each method is one endpoint,
 * takes the raw request parts it needs and answers a {@link RegistryResponse}. Refusals become npm-style
 * {@code {"error": …}} bodies here, in one place; storage failures become a 500 that names nothing internal.
 */
public final class NpmApi {
    private static final System.Logger LOG = System.getLogger(NpmApi.class.getName());
    static final int MAX_JSON_BYTES = 128 * 1024 * 1024;

    private final Registry registry;
    private final Accounts accounts;
    private final PackumentWriter writer;
    private final PackumentCache cache = new PackumentCache(PackumentCache.DEFAULT_BUDGET_BYTES);
    private final TrustedPublishing trustedPublishing;
    private final InstantSource clock;
    /** The upstream proxy (hallmark.yaml registry.upstream), consulted only for names with no local package. */
    private final Optional<ReadThrough> upstream;
    private final ProxiedPackumentWriter proxiedWriter;

    public NpmApi(Registry registry, Accounts accounts, TrustedPublishing trustedPublishing, InstantSource clock,
            Optional<ReadThrough> upstream) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.trustedPublishing = Objects.requireNonNull(trustedPublishing, "trustedPublishing");
        this.writer = new PackumentWriter(registry.options().publicUrl().toString());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.proxiedWriter = new ProxiedPackumentWriter(registry.options().publicUrl().toString());
    }

    /** The request parts every endpoint may need: credentials and conditional-request headers. */
    public record Caller(Optional<String> authorization, Optional<String> accept, Optional<String> ifNoneMatch,
                         String remoteAddress) {
        public Caller {
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(accept, "accept");
            Objects.requireNonNull(ifNoneMatch, "ifNoneMatch");
            Objects.requireNonNull(remoteAddress, "remoteAddress");
        }
    }

    private interface Action {
        RegistryResponse run() throws RegistryException, RegistryStorageException, FormatException, UpstreamException;
    }

    private static RegistryResponse handle(Action action) {
        try {
            return action.run();
        } catch (RegistryException e) {
            RegistryResponse error = RegistryResponse.error(e.status(), e.getMessage());
            return e.status() == 401 ? error.withHeader("WWW-Authenticate", "Bearer realm=\"hallmark\"") : error;
        } catch (FormatException e) {
            return RegistryResponse.error(400, e.getMessage());
        } catch (UpstreamException e) {
            return RegistryResponse.error(e.status(), e.getMessage());
        } catch (RegistryStorageException e) {
            LOG.log(System.Logger.Level.ERROR, "registry storage failed", e);
            return RegistryResponse.error(500, "internal error").withHeader("Retry-After", "1");
        }
    }

    /** {@code GET /<name>}: the full or abbreviated packument by {@code Accept}, with ETag revalidation (npm.md §2). */
    public RegistryResponse packument(String rawName, Caller caller) {
        return handle(() -> {
            readAccess(caller);
            PackageName name = readName(rawName);
            boolean abbreviated = caller.accept().map(a -> a.contains("application/vnd.npm.install-v1+json"))
                    .orElse(false);
            OptionalLong rev = registry.revision(name);
            if (rev.isEmpty()) {
                if (proxies(name)) {
                    return proxiedPackument(name, abbreviated, caller);
                }
                throw notFound();
            }
            String etag = "\"" + Registry.revString(name.full(), rev.getAsLong()) + (abbreviated ? "-a" : "-f") + "\"";
            if (caller.ifNoneMatch().map(etag::equals).orElse(false)) {
                return new RegistryResponse(304, "", Map.of("ETag", etag, "Cache-Control", cacheControl()), Bytes.EMPTY);
            }
            Optional<Bytes> cached = cache.get(name.full(), rev.getAsLong(), abbreviated);
            Bytes body;
            if (cached.isPresent()) {
                body = cached.get();
            } else {
                StoredPackage pkg = registry.find(name).orElseThrow(NpmApi::notFound);
                body = Bytes.of(abbreviated ? writer.abbreviated(pkg) : writer.full(pkg));
                cache.put(name.full(), pkg.rev(), abbreviated, body);
                etag = "\"" + Registry.revString(name.full(), pkg.rev()) + (abbreviated ? "-a" : "-f") + "\"";
            }
            return new RegistryResponse(200, abbreviated ? RegistryResponse.ABBREVIATED : RegistryResponse.JSON,
                    Map.of("ETag", etag, "Cache-Control", cacheControl()), body);
        });
    }

    /** {@code GET /<name>/<version-or-tag>}: one version document. */
    public RegistryResponse version(String rawName, String versionOrTag, Caller caller) {
        return handle(() -> {
            readAccess(caller);
            PackageName name = readName(rawName);
            Optional<StoredPackage> local = registry.find(name);
            if (local.isEmpty() && proxies(name)) {
                UpstreamPackument proxied = upstream.get().packument(name).orElseThrow(NpmApi::notFound);
                byte[] doc = proxiedWriter.version(proxied, versionOrTag).orElseThrow(NpmApi::notFound);
                return new RegistryResponse(200, RegistryResponse.JSON, Map.of(), Bytes.of(doc));
            }
            StoredPackage pkg = local.orElseThrow(NpmApi::notFound);
            String version = pkg.distTags().getOrDefault(versionOrTag, versionOrTag);
            StoredVersion v = pkg.version(version).filter(StoredVersion::live).orElseThrow(NpmApi::notFound);
            return new RegistryResponse(200, RegistryResponse.JSON, Map.of(), Bytes.of(writer.version(v)));
        });
    }

    /** {@code GET /<name>/-/<file>}: tarball bytes, immutable once published. */
    public RegistryResponse tarball(String rawName, String file, Caller caller) {
        return handle(() -> {
            readAccess(caller);
            PackageName name = readName(rawName);
            Optional<byte[]> local = registry.tarball(name, file);
            if (local.isEmpty() && proxies(name)) {
                Bytes proxied = upstream.get().tarball(name, file).orElseThrow(NpmApi::notFound);
                return new RegistryResponse(200, RegistryResponse.OCTETS,
                        Map.of("Cache-Control", "public, max-age=31536000, immutable"), proxied);
            }
            byte[] bytes = local.orElseThrow(NpmApi::notFound);
            return new RegistryResponse(200, RegistryResponse.OCTETS,
                    Map.of("Cache-Control", "public, max-age=31536000, immutable"), Bytes.of(bytes));
        });
    }

    /** {@code PUT /<name>} and {@code PUT /<name>/-rev/<rev>}: a publish when it carries attachments, else an edit. */
    public RegistryResponse put(String rawName, Optional<String> rev, Bytes body, Caller caller) {
        return handle(() -> {
            Principal principal = Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            PackageName name = Registry.parseName(rawName);
            ObjectNode doc = Json.parseObject(body.toArray(), MAX_JSON_BYTES);
            if (rev.isEmpty() && PublishRequestCodec.isPublish(doc)) {
                if (proxies(name)) { // a first publish must not shadow an upstream package (see ReadThrough)
                    upstream.get().requireAbsentUpstream(name);
                }
                StoredVersion published = registry.publish(principal, name, doc);
                ObjectNode ok = Json.object();
                ok.put("ok", true);
                ok.put("id", published.name());
                return RegistryResponse.json(201, ok);
            }
            if (doc.has("_attachments") && !doc.get("_attachments").isEmpty()) {
                throw new RegistryException(INVALID_REQUEST, "attachments are only accepted by a publish");
            }
            registry.updateMetadata(principal, name, rev, doc);
            return RegistryResponse.ok();
        });
    }

    /** {@code DELETE /<name>/-rev/<rev>}: unpublish the whole package. */
    public RegistryResponse deletePackage(String rawName, String rev, Caller caller) {
        return handle(() -> {
            Principal principal = Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            registry.unpublishPackage(principal, Registry.parseName(rawName), Optional.of(rev));
            return RegistryResponse.ok();
        });
    }

    /** {@code DELETE /<name>/-/<file>/-rev/<rev>}: the tarball of a version already unpublished. */
    public RegistryResponse deleteTarball(String rawName, String file, Caller caller) {
        return handle(() -> {
            Principal principal = Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            registry.deleteTarball(principal, Registry.parseName(rawName), file);
            return RegistryResponse.ok();
        });
    }

    public RegistryResponse distTags(String rawName, Caller caller) {
        return handle(() -> {
            readAccess(caller);
            ObjectNode tags = Json.object();
            registry.distTags(readName(rawName)).forEach(tags::put);
            return RegistryResponse.json(200, tags);
        });
    }

    /** {@code PUT /-/package/<name>/dist-tags/<tag>} with a JSON string body naming the version (npm.md §9). */
    public RegistryResponse putDistTag(String rawName, String tag, Bytes body, Caller caller) {
        return handle(() -> {
            Principal principal = Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            JsonNode version = Json.parse(body.toArray(), 1024);
            if (!version.isTextual()) {
                throw new RegistryException(INVALID_REQUEST, "the body must be a JSON string naming a version");
            }
            registry.setDistTag(principal, Registry.parseName(rawName), tag, version.asText());
            return RegistryResponse.ok();
        });
    }

    public RegistryResponse deleteDistTag(String rawName, String tag, Caller caller) {
        return handle(() -> {
            Principal principal = Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            registry.removeDistTag(principal, Registry.parseName(rawName), tag);
            return RegistryResponse.ok();
        });
    }

    /** {@code GET /-/package/<name>/visibility} (npm.md §11.3): every package here is readable by those who may read. */
    public RegistryResponse visibility(String rawName, Caller caller) {
        return handle(() -> {
            readAccess(caller);
            registry.find(readName(rawName)).orElseThrow(NpmApi::notFound);
            ObjectNode node = Json.object();
            node.put("public", registry.options().anonymousReads());
            return RegistryResponse.json(200, node);
        });
    }

    /** {@code GET /-/v1/search} (npm.md §9); {@code maintainers} is always an array, npm's formatter needs it. */
    public RegistryResponse search(Optional<String> text, Optional<String> size, Optional<String> from, Caller caller) {
        return handle(() -> {
            readAccess(caller);
            int n = boundedInt(size, 20, 1, 250);
            int offset = boundedInt(from, 0, 0, 10_000);
            String q = text.orElse("").trim();
            if (q.length() > 256) {
                throw new RegistryException(INVALID_REQUEST, "search text longer than 256 characters");
            }
            ObjectNode root = Json.object();
            ArrayNode objects = root.putArray("objects");
            for (StoredPackage pkg : registry.search(q, offset, n)) {
                objects.add(SearchResults.entry(pkg, registry.options().publicUrl().toString()));
            }
            root.put("total", objects.size());
            root.put("time", clock.instant().toString());
            return RegistryResponse.json(200, root);
        });
    }

    /**
     * {@code GET /-/npm/v1/attestations/<name>@<version>} (npm.md §7.1): {@code {"attestations":[{predicateType,
     * bundle}]}}; 404 when the version has none, so a pointer is never served without its endpoint.
     */
    public RegistryResponse attestations(String nameAtVersion, Caller caller) {
        return handle(() -> {
            readAccess(caller);
            int at = nameAtVersion.lastIndexOf('@');
            if (at <= 0) {
                throw notFound();
            }
            PackageName name = readName(nameAtVersion.substring(0, at));
            var stored = registry.attestations(name, nameAtVersion.substring(at + 1));
            if (stored.isEmpty()) {
                throw notFound();
            }
            ObjectNode root = Json.object();
            ArrayNode list = root.putArray("attestations");
            for (var a : stored) {
                ObjectNode item = list.addObject();
                item.put("predicateType", a.predicateType());
                item.set("bundle", Json.parse(a.bundle().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        MAX_JSON_BYTES));
            }
            return RegistryResponse.json(200, root);
        });
    }

    /** {@code GET /-/package/<name>/trust} (npm.md §11.4). */
    public RegistryResponse trustedPublishers(String rawName, Caller caller) {
        return handle(() -> RegistryResponse.json(200, trustedPublishing.list(
                Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress())),
                Registry.parseName(rawName))));
    }

    /** {@code POST /-/package/<name>/trust}: a JSON array with one configuration. */
    public RegistryResponse addTrustedPublisher(String rawName, Bytes body, Caller caller) {
        return handle(() -> {
            Principal principal = Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            return RegistryResponse.json(201, trustedPublishing.add(principal, Registry.parseName(rawName),
                    Json.parse(body.toArray(), 64 * 1024)));
        });
    }

    public RegistryResponse removeTrustedPublisher(String rawName, String id, Caller caller) {
        return handle(() -> {
            trustedPublishing.remove(Accounts.require(accounts.authenticate(caller.authorization(),
                    caller.remoteAddress())), Registry.parseName(rawName), id);
            return new RegistryResponse(204, "", Map.of(), Bytes.EMPTY);
        });
    }

    /** {@code POST /-/npm/v1/oidc/token/exchange/package/<name>} (npm.md §11.1): answers {@code {"token": …}}. */
    public RegistryResponse exchangeOidcToken(String rawName, Caller caller) {
        return handle(() -> {
            ObjectNode node = Json.object();
            node.put("token", trustedPublishing.exchange(caller.authorization(), Registry.parseName(rawName)));
            return RegistryResponse.json(201, node);
        });
    }

    /** {@code GET /-/npm/v1/keys}: the keys {@code dist.signatures} verify with, retired ones with their expiry. */
    public RegistryResponse keys() {
        return RegistryResponse.json(200, registry.keys().keysResponse());
    }

    public RegistryResponse ping() {
        return RegistryResponse.json(200, Json.object());
    }

    /** {@code PUT /-/user/org.couchdb.user:<name>}: npm login and adduser (npm.md §8). */
    public RegistryResponse login(String couchId, Bytes body) {
        return handle(() -> {
            ObjectNode doc = Json.parseObject(body.toArray(), 64 * 1024);
            String username = Json.requireNonEmptyText(doc, "name");
            if (!couchId.equals("org.couchdb.user:" + username)) {
                throw new RegistryException(INVALID_REQUEST, "the user name in the path and the body differ");
            }
            String password = Json.requireText(doc, "password");
            Accounts.IssuedToken token = accounts.login(username, password, Json.optionalText(doc, "email"));
            ObjectNode ok = Json.object();
            ok.put("ok", true);
            ok.put("id", "org.couchdb.user:" + username);
            ok.put("rev", "1-" + token.stored().key().substring(0, 8));
            ok.put("token", token.secret());
            return RegistryResponse.json(201, ok);
        });
    }

    /** {@code GET /-/user/org.couchdb.user:<name>}: the public part of a user (npm owner add reads it). */
    public RegistryResponse user(String couchId, Caller caller) {
        return handle(() -> {
            Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            if (!couchId.startsWith("org.couchdb.user:")) {
                throw notFound();
            }
            String username = couchId.substring("org.couchdb.user:".length());
            var user = accounts.user(username).orElseThrow(NpmApi::notFound);
            ObjectNode node = Json.object();
            node.put("_id", couchId);
            node.put("name", user.username());
            node.put("email", user.email());
            return RegistryResponse.json(200, node);
        });
    }

    public RegistryResponse whoami(Caller caller) {
        return handle(() -> {
            Principal principal = Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            ObjectNode node = Json.object();
            node.put("username", principal.username());
            return RegistryResponse.json(200, node);
        });
    }

    /** {@code DELETE /-/user/token/<token>}: npm logout. */
    public RegistryResponse logout(String token) {
        return handle(() -> {
            accounts.logout(token);
            return RegistryResponse.ok();
        });
    }

    public RegistryResponse tokens(Caller caller) {
        return handle(() -> TokenResponses.list(accounts.tokens(
                Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress())))));
    }

    /** {@code POST /-/npm/v1/tokens}; read-only when {@code readonly} or {@code packages_and_scopes_permission=read-only}. */
    public RegistryResponse createToken(Bytes body, Caller caller) {
        return handle(() -> {
            Principal principal = Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress()));
            ObjectNode doc = Json.parseObject(body.toArray(), 64 * 1024);
            return TokenResponses.create(accounts, principal, doc);
        });
    }

    public RegistryResponse revokeToken(String key, Caller caller) {
        return handle(() -> {
            accounts.revoke(Accounts.require(accounts.authenticate(caller.authorization(), caller.remoteAddress())), key);
            return new RegistryResponse(204, "", Map.of(), Bytes.EMPTY);
        });
    }

    /**
     * Whether a request for this name goes to the upstream proxy: only when one is configured and the name has no
     * local package at all, live or unpublished. A local package always wins, and a name that exists here is never
     * proxied, so an upstream cannot slip versions into an internal package (dependency confusion).
     */
    private boolean proxies(PackageName name) throws RegistryStorageException {
        return upstream.isPresent() && registry.revision(name).isEmpty();
    }

    /** {@code GET /<name>} for a proxied name: the upstream document served as {@link ProxiedPackumentWriter} says. */
    private RegistryResponse proxiedPackument(PackageName name, boolean abbreviated, Caller caller)
            throws RegistryException, RegistryStorageException, UpstreamException {
        UpstreamPackument pkg = upstream.get().packument(name).orElseThrow(NpmApi::notFound);
        String etag = "\"up-" + pkg.digest().substring(0, 32) + (abbreviated ? "-a" : "-f") + "\"";
        Map<String, String> headers = Map.of("ETag", etag, "Cache-Control", cacheControl());
        if (caller.ifNoneMatch().map(etag::equals).orElse(false)) {
            return new RegistryResponse(304, "", headers, Bytes.EMPTY);
        }
        return new RegistryResponse(200, abbreviated ? RegistryResponse.ABBREVIATED : RegistryResponse.JSON, headers,
                Bytes.of(proxiedWriter.packument(pkg, abbreviated)));
    }

    /** A name to read: one that could never be published cannot exist, so it is simply not found. */
    private static PackageName readName(String rawName) throws RegistryException {
        try {
            return Registry.parseName(rawName);
        } catch (RegistryException e) {
            throw notFound();
        }
    }

    private void readAccess(Caller caller) throws RegistryException, RegistryStorageException {
        Optional<Principal> principal = accounts.authenticate(caller.authorization(), caller.remoteAddress());
        if (principal.isEmpty() && !registry.options().anonymousReads()) {
            throw new RegistryException(AUTHENTICATION_REQUIRED, "this registry requires a login to read");
        }
    }

    private String cacheControl() {
        // revalidate every time (cheap with the ETag) so a publish is visible at once, as npm users expect
        return (registry.options().anonymousReads() ? "public" : "private") + ", max-age=0, must-revalidate";
    }

    private static int boundedInt(Optional<String> value, int dflt, int min, int max) throws RegistryException {
        if (value.isEmpty() || value.get().isEmpty()) {
            return dflt;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value.get())));
        } catch (NumberFormatException e) {
            throw new RegistryException(INVALID_REQUEST, "not a number: " + value.get());
        }
    }

    private static RegistryException notFound() {
        return new RegistryException(NOT_FOUND, "Not found");
    }
}
