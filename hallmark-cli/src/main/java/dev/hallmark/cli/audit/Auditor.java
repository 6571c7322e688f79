package dev.hallmark.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.cli.audit.PackageResult.Attestations;
import dev.hallmark.cli.audit.PackageResult.Reason;
import dev.hallmark.cli.audit.PackageResult.Signature;
import dev.hallmark.cli.audit.RegistryClient.FetchException;
import dev.hallmark.cli.audit.RegistryClient.FetchFailure;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.npm.AttestationsVerifier;
import dev.hallmark.core.npm.NpmCheckException;
import dev.hallmark.core.npm.RegistryKeys;
import dev.hallmark.core.npm.RegistrySignature;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.x509.FulcioCertificate;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Audits every package of a lockfile in parallel on virtual threads: the packument (once per name), the registry's
 * keys (once per registry) and the version's attestations, checked with hallmark-core the way pacote checks them
 * (npm.md §6, §7), plus the lockfile's integrity against {@code dist.integrity} and the identity policy.
 */
public final class Auditor {
    static final int MAX_PACKUMENT_BYTES = 64 * 1024 * 1024;
    static final int MAX_KEYS_BYTES = 256 * 1024;
    static final int MAX_ATTESTATIONS_BYTES = 16 * 1024 * 1024;
    private static final String PROVENANCE_PREFIX = "https://slsa.dev/provenance/";

    private final RegistryClient client;
    private final Registries registries;
    private final Supplier<Verifier> verifier;
    private final AuditPolicy policy;
    private final boolean requireProvenance;

    /**
     * @param verifier the bundle verifier, asked for only when the first attestation is checked, so that building it
     *     (parsing the trusted roots, checking their CA chains) can overlap the first fetches
     */
    public Auditor(RegistryClient client, Registries registries, Supplier<Verifier> verifier, AuditPolicy policy, boolean requireProvenance) {
        this.client = client;
        this.registries = registries;
        this.verifier = verifier;
        this.policy = policy;
        this.requireProvenance = requireProvenance;
    }

    /** Results in lockfile order; {@code progress} receives the count done after each package. */
    public List<PackageResult> audit(Lockfile lockfile, IntConsumer progress) throws InterruptedException {
        List<Future<PackageResult>> futures = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Lockfile.LockedPackage pkg : lockfile.packages()) {
                futures.add(threads.submit(() -> {
                    PackageResult r = audit(pkg);
                    progress.accept(done.incrementAndGet());
                    return r;
                }));
            }
            List<PackageResult> out = new ArrayList<>();
            for (Future<PackageResult> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r; // e.g. the verifier could not be built: reported once, as the command's failure
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return out;
        }
    }

    PackageResult audit(Lockfile.LockedPackage pkg) {
        URI registry = registries.registryFor(pkg);
        JsonNode version;
        Optional<RegistryKeys> keys;
        Instant published;
        try {
            JsonNode packument = packument(registry, pkg.name());
            version = packument.path("versions").path(pkg.version());
            if (!version.isObject()) {
                return invalid(pkg, registry, Reason.VERSION_NOT_FOUND, pkg.spec() + " is not in " + registry);
            }
            keys = keys(registry);
            published = publishTime(packument, pkg.version());
        } catch (FetchException e) {
            return invalid(pkg, registry, e.notFound() ? Reason.VERSION_NOT_FOUND : Reason.FETCH_FAILED, e.getMessage());
        }
        String integrity = version.path("dist").path("integrity").asText("");
        if (!integrity.equals(pkg.integrity())) {
            return invalid(pkg, registry, Reason.LOCKFILE_INTEGRITY_MISMATCH, pkg.spec() + ": the lockfile's integrity "
                    + pkg.integrity() + " is not the registry's " + (integrity.isEmpty() ? "(none)" : integrity));
        }
        Signature signature = signature(pkg, version.path("dist"), integrity, keys, published);
        Attestations attestations = attestations(pkg, registry, version.path("dist"), integrity, keys);
        List<String> failures = attestations instanceof Attestations.Invalid ? List.of()
                : policy.evaluate(pkg.name(), attestations instanceof Attestations.Verified v ? v.provenance() : Optional.empty(),
                        requireProvenance);
        return new PackageResult(pkg, registry, signature, attestations, failures);
    }

    private static PackageResult invalid(Lockfile.LockedPackage pkg, URI registry, Reason reason, String message) {
        return new PackageResult(pkg, registry, new Signature.Invalid(reason, message), new Attestations.Invalid(reason, message), List.of());
    }

    private JsonNode packument(URI registry, String name) throws FetchException {
        // A scoped name is one path segment: @scope%2fname (npm.md §3).
        String path = name.startsWith("@") ? "@" + URLEncoder.encode(name.substring(1), StandardCharsets.UTF_8) : name;
        URI uri = registry.resolve(path.replace("%2F", "%2f"));
        return client.once("packument " + uri, k -> {
            try {
                byte[] body = client.get(uri, MAX_PACKUMENT_BYTES)
                        .orElseThrow(() -> new FetchException(name + " is not in " + registry, true));
                return Json.parseObject(body, MAX_PACKUMENT_BYTES);
            } catch (FetchException e) {
                throw new FetchFailure(e);
            } catch (FormatException e) {
                throw new FetchFailure(new FetchException("malformed packument " + uri + ": " + e.getMessage(), false));
            }
        });
    }

    /** {@code /-/npm/v1/keys}; empty when the registry does not sign (404). */
    private Optional<RegistryKeys> keys(URI registry) throws FetchException {
        URI uri = registry.resolve("-/npm/v1/keys");
        return client.once("keys " + uri, k -> {
            try {
                Optional<byte[]> body = client.get(uri, MAX_KEYS_BYTES);
                return body.isEmpty() ? Optional.<RegistryKeys>empty() : Optional.of(RegistryKeys.parseRegistryResponse(body.get()));
            } catch (FetchException e) {
                throw new FetchFailure(e);
            } catch (FormatException e) {
                throw new FetchFailure(new FetchException("malformed keys " + uri + ": " + e.getMessage(), false));
            }
        });
    }

    private static Instant publishTime(JsonNode packument, String version) {
        try {
            JsonNode time = packument.path("time").path(version);
            return time.isTextual() ? Instant.parse(time.asText()) : RegistrySignature.DEFAULT_PUBLISH_TIME;
        } catch (DateTimeParseException e) {
            return RegistrySignature.DEFAULT_PUBLISH_TIME;
        }
    }

    /** Every {@code dist.signatures} entry must verify, as pacote requires (npm.md §6.1). */
    private static Signature signature(Lockfile.LockedPackage pkg, JsonNode dist, String integrity,
                                       Optional<RegistryKeys> keys, Instant published) {
        JsonNode signatures = dist.path("signatures");
        if (keys.isEmpty() || !signatures.isArray() || signatures.isEmpty()) {
            return new Signature.Missing(keys.isPresent() && !keys.get().keys().isEmpty());
        }
        String first = null;
        for (JsonNode s : signatures) {
            String keyid = s.path("keyid").asText("");
            try {
                RegistrySignature.verify(pkg.name(), pkg.version(), integrity, keyid, s.path("sig").asText(""), keys.get(), published);
            } catch (NpmCheckException e) {
                return new Signature.Invalid(Reason.valueOf(e.reason().name()), e.getMessage());
            }
            first = first == null ? keyid : first;
        }
        return new Signature.Verified(first);
    }

    private Attestations attestations(Lockfile.LockedPackage pkg, URI registry, JsonNode dist, String integrity,
                                      Optional<RegistryKeys> keys) {
        String url = dist.path("attestations").path("url").asText("");
        if (url.isEmpty()) {
            return new Attestations.Missing();
        }
        Digest sha512;
        URI uri;
        try {
            sha512 = sha512(integrity);
            // Only the path is taken: the audit reads from the registry it chose, never from a host a packument names.
            URI given = new URI(url);
            uri = new URI(registry.getScheme() + "://" + registry.getRawAuthority() + given.getRawPath());
        } catch (FormatException | java.net.URISyntaxException | NullPointerException e) {
            return new Attestations.Invalid(Reason.ATTESTATION_INVALID, pkg.spec() + ": bad dist.attestations or integrity: " + e.getMessage());
        }
        byte[] body;
        try {
            body = client.get(uri, MAX_ATTESTATIONS_BYTES).orElseThrow(() -> new FetchException(
                    pkg.spec() + " names attestations at " + uri + " but the registry has none", true));
        } catch (FetchException e) {
            return new Attestations.Invalid(e.notFound() ? Reason.ATTESTATION_INVALID : Reason.FETCH_FAILED, e.getMessage());
        }
        try {
            List<AttestationsVerifier.VerifiedAttestation> verified = new AttestationsVerifier(verifier.get(),
                    keys.orElseGet(() -> new RegistryKeys(List.of()))).verify(body, pkg.name(), pkg.version(), sha512, Optional.empty());
            Optional<FulcioCertificate> provenance = verified.stream()
                    .filter(a -> a.predicateType().startsWith(PROVENANCE_PREFIX))
                    .map(a -> a.result().signer())
                    .flatMap(s -> s instanceof VerificationResult.VerifiedSigner.Certificate c ? java.util.stream.Stream.of(c.certificate())
                            : java.util.stream.Stream.empty())
                    .findFirst();
            return new Attestations.Verified(provenance, verified.stream().map(AttestationsVerifier.VerifiedAttestation::predicateType).toList());
        } catch (NpmCheckException e) {
            return new Attestations.Invalid(Reason.valueOf(e.reason().name()), e.getMessage());
        }
    }

    /** The sha512 entry of an SRI string ({@code sha512-<base64>}), the digest npm attests. */
    static Digest sha512(String integrity) throws FormatException {
        for (String part : integrity.strip().split("\\s+")) {
            if (part.startsWith("sha512-")) {
                return Digest.of(HashAlgorithm.SHA2_512, Bytes.fromBase64(part.substring(7).replaceFirst("\\?.*$", "")));
            }
        }
        throw new FormatException("integrity has no sha512 digest");
    }
}
