package dev.hallmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.npm.AttestationsVerifier;
import dev.hallmark.core.npm.NpmCheckException;
import dev.hallmark.core.npm.RegistryKeys;
import dev.hallmark.core.npm.RegistrySignature;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hallmark verify <pkg>@<version>}: fetches one version's packument entry, registry keys and attestations,
 * checks the registry signature and every attestation as pacote does (npm.md §6, §7) with hallmark-core, and shows
 * who built it — the provenance certificate's repository, commit, workflow, ref and run — in a readable form.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify one published package version and show its provenance.")
final class VerifyCommand implements Callable<Integer> {
    static final long MAX_PACKUMENT_BYTES = 64L * 1024 * 1024;
    static final long MAX_SMALL_RESPONSE_BYTES = 16L * 1024 * 1024;

    private ServiceCall http;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--registry", paramLabel = "URL", description = "Registry URL (default: $HALLMARK_REGISTRY or http://127.0.0.1:8080).")
    String registry = System.getenv().getOrDefault("HALLMARK_REGISTRY", "http://127.0.0.1:8080");

    @Option(names = "--trusted-root", paramLabel = "FILE", description = "trusted_root.json to accept; repeat for several (default: the local instance's).")
    List<Path> trustedRoots = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Hallmark data directory whose trust root to use (default: $HALLMARK_DATA or ./hallmark-data).")
    Path dataDir;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Parameters(index = "0", paramLabel = "PACKAGE@VERSION", description = "e.g. widget@1.0.0 or @acme/widget@1.0.0")
    String packageSpec;

    @Override
    public Integer call() {
        http = ServiceCall.fromEnvironment(System.getenv());
        int at = packageSpec.lastIndexOf('@');
        if (at <= 0 || at == packageSpec.length() - 1) {
            throw CliException.usage("expected PACKAGE@VERSION, not " + packageSpec);
        }
        String name = packageSpec.substring(0, at);
        String version = packageSpec.substring(at + 1);
        URI base = ServiceCall.url(registry, "registry");
        Verifier verifier;
        try {
            verifier = Verifier.create(trustRoot(), VerifierOptions.defaults(), InstantSource.system());
        } catch (FormatException e) {
            throw CliException.usage("invalid trusted root: " + e.getMessage());
        }
        String path = "/" + pathName(name);
        JsonNode packument = json(ServiceCall.expectOk(http.get(ServiceCall.resolve(base, path),
                MAX_PACKUMENT_BYTES, "the registry"), "the registry"), "packument");
        JsonNode dist = packument.path("versions").path(version).path("dist");
        if (dist.isMissingNode()) {
            throw CliException.failed(name + "@" + version + " is not published at " + registry);
        }
        Digest sha512 = integrity(dist.path("integrity").asText(""), name + "@" + version);
        RegistryKeys keys = registryKeys(base);
        VersionReport report = new VersionReport(name, version, base.toString());
        report.registrySignature = registrySignature(name, version, dist, keys, publishTime(packument, version));
        if (dist.has("attestations")) {
            ServiceCall.Response r = http.get(ServiceCall.resolve(base, "/-/npm/v1/attestations/" + pathName(name) + "@"
                    + encode(version)), MAX_SMALL_RESPONSE_BYTES, "the registry");
            try {
                report.attestations = new AttestationsVerifier(verifier, keys)
                        .verify(ServiceCall.expectOk(r, "the registry"), name, version, sha512, Optional.empty());
            } catch (NpmCheckException e) {
                report.attestationFailure = Optional.of(e.reason() + ": " + e.getMessage());
            }
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            report.print(out);
        }
        if (!report.ok()) {
            spec.commandLine().getErr().println("hallmark: " + name + "@" + version + " did not verify: " + report.failure());
            return Main.EXIT_FAILED;
        }
        return 0;
    }

    /** Several roots are one set of trust anchors: any of their logs, CAs and TSAs may vouch for an attestation. */
    private TrustedRoot trustRoot() {
        List<TrustedRoot> roots = trustedRoots.isEmpty() ? List.of(TrustRoots.resolve(null, false, dataDir))
                : trustedRoots.stream().map(p -> TrustRoots.resolve(p, false, dataDir)).toList();
        if (roots.size() == 1) {
            return roots.get(0);
        }
        return new TrustedRoot(TrustedRoot.MEDIA_TYPE_0_1,
                roots.stream().flatMap(r -> r.tlogs().stream()).toList(),
                roots.stream().flatMap(r -> r.certificateAuthorities().stream()).toList(),
                roots.stream().flatMap(r -> r.ctlogs().stream()).toList(),
                roots.stream().flatMap(r -> r.timestampAuthorities().stream()).toList());
    }

    private RegistryKeys registryKeys(URI base) {
        ServiceCall.Response r = http.get(ServiceCall.resolve(base, "/-/npm/v1/keys"), MAX_SMALL_RESPONSE_BYTES, "the registry");
        if (r.status() == 404) {
            return new RegistryKeys(List.of());
        }
        try {
            return RegistryKeys.parseRegistryResponse(ServiceCall.expectOk(r, "the registry"));
        } catch (FormatException e) {
            throw CliException.failed("the registry's /-/npm/v1/keys is malformed: " + e.getMessage());
        }
    }

    /** Every {@code dist.signatures} entry must verify (npm.md §6.1); none at all is reported as missing. */
    private static String registrySignature(String name, String version, JsonNode dist, RegistryKeys keys, Instant publishTime) {
        JsonNode signatures = dist.path("signatures");
        if (!signatures.isArray() || signatures.isEmpty()) {
            return "missing";
        }
        List<String> keyids = new ArrayList<>();
        for (JsonNode s : signatures) {
            String keyid = s.path("keyid").asText("");
            try {
                RegistrySignature.verify(name, version, dist.path("integrity").asText(""), keyid, s.path("sig").asText(""),
                        keys, publishTime);
            } catch (NpmCheckException e) {
                return "invalid: " + e.getMessage();
            }
            keyids.add(keyid);
        }
        return "verified (" + String.join(", ", keyids) + ")";
    }

    private static Instant publishTime(JsonNode packument, String version) {
        try {
            return Instant.parse(packument.path("time").path(version).asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            return RegistrySignature.DEFAULT_PUBLISH_TIME;
        }
    }

    private static Digest integrity(String integrity, String what) {
        Optional<String> sha512 = Stream.of(integrity.split("\\s+")).filter(s -> s.startsWith("sha512-")).findFirst();
        try {
            return Digest.of(HashAlgorithm.SHA2_512, Bytes.fromBase64(sha512
                    .orElseThrow(() -> CliException.failed(what + " has no sha512 dist.integrity")).substring(7)));
        } catch (FormatException e) {
            throw CliException.failed(what + " has a malformed dist.integrity");
        }
    }

    private static JsonNode json(byte[] body, String what) {
        try {
            return Json.parseObject(body, (int) MAX_PACKUMENT_BYTES);
        } catch (FormatException e) {
            throw CliException.failed("the registry's " + what + " is not JSON: " + e.getMessage());
        }
    }

    /** {@code @scope/name} travels as {@code @scope%2fname}, as npm writes it. */
    private static String pathName(String name) {
        return name.startsWith("@") ? "@" + encode(name.substring(1)) : encode(name);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
