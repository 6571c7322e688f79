package dev.hallmark.server.registry;

import dev.hallmark.registry.Registry;
import dev.hallmark.registry.RegistryOptions;
import dev.hallmark.registry.api.NpmApi;
import dev.hallmark.registry.api.NpmApi.Caller;
import dev.hallmark.registry.api.RegistryResponse;
import dev.hallmark.registry.auth.Accounts;
import dev.hallmark.registry.auth.PasswordHasher;
import dev.hallmark.registry.pkg.TarballLimits;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import dev.hallmark.registry.provenance.ProvenancePolicy;
import dev.hallmark.registry.provenance.ProvenanceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import dev.hallmark.registry.store.FileBlobStore;
import dev.hallmark.registry.store.RegistryStore;
import dev.hallmark.registry.store.RegistryStores;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.keys.KeyName;
import dev.hallmark.registry.sign.PublishAttester;
import dev.hallmark.registry.sign.RegistryKeyRing;
import dev.hallmark.core.rekor.RekorSubmitter;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.util.List;
import dev.hallmark.server.Services;
import dev.hallmark.server.config.RegistryConfig;
import dev.hallmark.server.http.Request;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The npm registry under {@code /} (DESIGN.md "Paths under the public URL"; npm.md §1). Scoped names arrive escaped
 * ({@code /@scope%2fname}, one path segment) or plain ({@code /@scope/name}, two); both reach the same handlers.
 * Specific patterns win over general ones in the router, so {@code /-/…} endpoints are never read as package names.
 */
public final class RegistryService {
    /** Signs {@code dist.signatures} (and, later, publish attestations): ECDSA P-256, as npm requires. */
    public static final KeyName KEY = KeyName.of("registry");
    private RegistryService() {
    }

    /** @param log where publish attestations are logged: this instance's Rekor, in-process */
    public static void wire(ServiceContext context, Services services, RekorSubmitter log) throws Exception {
        RegistryConfig policy = context.config().registryPolicy();
        URI publicUrl = URI.create(context.urls().registry().toString().replaceAll("/+$", ""));
        TarballLimits d = TarballLimits.defaults();
        TarballLimits limits = new TarballLimits(policy.maxTarballBytes(), d.maxUnpackedBytes(), d.maxEntries(),
                d.maxPackageJsonBytes(), d.maxReadmeBytes());
        RegistryOptions options = new RegistryOptions(publicUrl, policy.anonymousReads(), policy.openSignup(), limits,
                Duration.ofHours(policy.unpublishWindowHours()), Duration.ofHours(24));
        RegistryStore store = RegistryStores.open(context.jdbcUrl());
        services.closeAtShutdown(store);
        RegistryKeyRing keys = new RegistryKeyRing(context.keys().signer(KEY, SignatureAlgorithm.ECDSA_P256_SHA256),
                List.of());
        Registry registry = new Registry(store, new FileBlobStore(context.dataDir().root().resolve("tarballs")),
                options, provenanceVerifier(context, policy.provenance()), keys,
                new PublishAttester(keys, log, publicUrl.toString()), context.clock());
        Accounts accounts = new Accounts(store, PasswordHasher.standard(), context.clock(), policy.openSignup());
        services.add(routes(new NpmApi(registry, accounts, context.clock())));
    }

    /**
     * Provenance is verified against this instance's trusted root (its CA, CT log, log and TSA) and any extra roots
     * the configuration names; a root file that cannot be read stops the start with its name.
     */
    static ProvenanceVerifier provenanceVerifier(ServiceContext context, RegistryConfig.Provenance config)
            throws IOException, FormatException {
        List<Path> roots = new ArrayList<>();
        roots.add(context.dataDir().trust().resolve("trusted_root.json"));
        config.extraTrustedRoots().forEach(r -> roots.add(context.dataDir().root().resolve(r)));
        List<Verifier> verifiers = new ArrayList<>();
        for (Path root : roots) {
            try {
                verifiers.add(Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(root)), VerifierOptions.defaults(),
                        context.clock()));
            } catch (FormatException e) {
                throw new FormatException("registry.provenance trusted root " + root + ": " + e.getMessage());
            }
        }
        ProvenancePolicy policy;
        try {
            policy = new ProvenancePolicy(config.requiredFor(), Set.copyOf(config.allowedIssuers()),
                    config.allowSelfHostedRunners(), config.allowPrivateRepositories());
        } catch (IllegalArgumentException e) {
            throw new FormatException("registry.provenance.requiredFor: " + e.getMessage());
        }
        return new ProvenanceVerifier(verifiers, policy);
    }

    static RouteGroup routes(NpmApi api) {
        return RouteGroup.builder("registry", "/")
                .get("/-/ping", r -> http(api.ping()))
                .get("/-/npm/v1/keys", r -> http(api.keys()))
                .get("/-/npm/v1/attestations/{spec}", r -> http(api.attestations(r.pathParam("spec"), caller(r))))
                .get("/-/npm/v1/attestations/{scope}/{spec}", r -> http(api.attestations(
                        r.pathParam("scope") + "/" + r.pathParam("spec"), caller(r))))
                .get("/-/whoami", r -> http(api.whoami(caller(r))))
                .get("/-/v1/search", r -> http(api.search(r.queryParam("text"), r.queryParam("size"),
                        r.queryParam("from"), caller(r))))
                .put("/-/user/{id}", r -> http(api.login(r.pathParam("id"), r.body())))
                .get("/-/user/{id}", r -> http(api.user(r.pathParam("id"), caller(r))))
                .delete("/-/user/token/{token}", r -> http(api.logout(r.pathParam("token"))))
                .get("/-/npm/v1/tokens", r -> http(api.tokens(caller(r))))
                .post("/-/npm/v1/tokens", r -> http(api.createToken(r.body(), caller(r))))
                .delete("/-/npm/v1/tokens/token/{key}", r -> http(api.revokeToken(r.pathParam("key"), caller(r))))
                .get("/-/package/{name}/dist-tags", r -> http(api.distTags(r.pathParam("name"), caller(r))))
                .put("/-/package/{name}/dist-tags/{tag}", r -> http(api.putDistTag(r.pathParam("name"),
                        r.pathParam("tag"), r.body(), caller(r))))
                .delete("/-/package/{name}/dist-tags/{tag}", r -> http(api.deleteDistTag(r.pathParam("name"),
                        r.pathParam("tag"), caller(r))))
                .get("/-/package/{name}/visibility", r -> http(api.visibility(r.pathParam("name"), caller(r))))
                // packuments: /name, /@scope%2fname, /@scope/name; version documents: /name/1.0.0, /@scope/name/1.0.0
                .get("/{name}", r -> http(api.packument(r.pathParam("name"), caller(r))))
                .get("/{a}/{b}", r -> r.pathParam("a").startsWith("@")
                        ? http(api.packument(r.pathParam("a") + "/" + r.pathParam("b"), caller(r)))
                        : http(api.version(r.pathParam("a"), r.pathParam("b"), caller(r))))
                .get("/{scope}/{name}/{version}", r -> http(api.version(scoped(r), r.pathParam("version"), caller(r))))
                .get("/{name}/-/{file}", r -> http(api.tarball(r.pathParam("name"), r.pathParam("file"), caller(r))))
                .get("/{scope}/{name}/-/{file}", r -> http(api.tarball(scoped(r), r.pathParam("file"), caller(r))))
                .put("/{name}", r -> http(api.put(r.pathParam("name"), Optional.empty(), r.body(), caller(r))))
                .put("/{name}/-rev/{rev}", r -> http(api.put(r.pathParam("name"), Optional.of(r.pathParam("rev")),
                        r.body(), caller(r))))
                .delete("/{name}/-rev/{rev}", r -> http(api.deletePackage(r.pathParam("name"), r.pathParam("rev"),
                        caller(r))))
                .delete("/{name}/-/{file}/-rev/{rev}", r -> http(api.deleteTarball(r.pathParam("name"),
                        r.pathParam("file"), caller(r))))
                .delete("/{scope}/{name}/-/{file}/-rev/{rev}", r -> http(api.deleteTarball(scoped(r),
                        r.pathParam("file"), caller(r))))
                .build();
    }

    /** {@code /@scope/name/...}: the two segments of an unescaped scoped name. */
    private static String scoped(Request r) {
        return r.pathParam("scope") + "/" + r.pathParam("name");
    }

    private static Caller caller(Request r) {
        return new Caller(r.header("authorization"), r.header("accept"), r.header("if-none-match"), r.remoteAddress());
    }

    static Response http(RegistryResponse response) {
        return Response.from(response.status(), response.contentType().isEmpty() ? null : response.contentType(),
                response.headers(), response.body());
    }
}
