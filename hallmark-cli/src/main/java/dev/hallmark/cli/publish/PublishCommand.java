package dev.hallmark.cli.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.CliException;
import dev.hallmark.cli.IdentityToken;
import dev.hallmark.cli.KeylessSigning;
import dev.hallmark.cli.ServiceCall;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import dev.hallmark.core.x509.FulcioCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hallmark publish}: what {@code npm publish --provenance} does, for any Hallmark instance and from the CIs
 * npm refuses. Packs the directory as {@code npm pack} does (same bytes), takes the registry and token from
 * {@code .npmrc} as npm does, exchanges the CI's OIDC token for a publish token when none is configured (trusted
 * publishing), builds npm's provenance statement for the CI, signs it through the CA, log and TSA the instance's
 * signing config names (fetched through its TUF repository), checks the bundle against the instance's trusted root,
 * and publishes the tarball with the bundle attached.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Pack a package as npm does and publish it, with Sigstore provenance from the CI it runs in.")
public final class PublishCommand implements Callable<Integer> {
    static final long MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
    static final long MAX_PUBLISH_RESPONSE_BYTES = 1024 * 1024;
    static final long MAX_README_BYTES = 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The package directory (default: the current one).")
    Path directory = Path.of("");

    @Option(names = "--registry", paramLabel = "URL", description = "Registry to publish to (default: from .npmrc, as npm).")
    String registry;

    @Option(names = "--provenance", negatable = true, description = "Sign and attach a provenance statement "
            + "(default: on when the publish token came from the trusted-publishing exchange).")
    Boolean provenance;

    @Option(names = "--tag", paramLabel = "TAG", description = "dist-tag for this version (default: ${DEFAULT-VALUE}).")
    String tag = "latest";

    @Option(names = "--access", paramLabel = "public|restricted", description = "Access of a new scoped package.")
    String access;

    @Option(names = "--dry-run", description = "Pack and show what would be published (and the provenance statement), without sending anything.")
    boolean dryRun;

    @Option(names = "--tuf-url", paramLabel = "URL", description = "The instance's TUF repository (default: <registry>/tuf/).")
    String tufUrl;

    @Option(names = "--tuf-root", paramLabel = "FILE", description = "A root.json of that repository obtained out of band (default: trust the repository's current root on first use).")
    Path tufRoot;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    private final Map<String, String> environment;

    public PublishCommand() {
        this(System.getenv());
    }

    /** With the environment a test or an embedding program gives instead of the process's. */
    public PublishCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        checkOptions();
        PackedPackage packed = PackedPackage.pack(directory);
        String name = packed.name();
        String version = packed.version();
        if ("restricted".equals(access) && !name.startsWith("@")) {
            throw CliException.usage("Can't restrict access to unscoped packages.");
        }
        NpmConfig config = NpmConfig.load(directory, environment);
        URI registryUrl = config.registryFor(name, Optional.ofNullable(registry));
        CiEnvironment ci = CiEnvironment.detect(environment);
        Digest sha512 = Digest.sha512(packed.tarball());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dryRun) {
            Optional<ObjectNode> statement = Boolean.TRUE.equals(provenance) && !ProvenanceStatements.fromCertificate(ci)
                    ? Optional.of(ProvenanceStatements.build(ci, name, version, sha512, Optional.empty())) : Optional.empty();
            DryRunReport.print(out, packed, registryUrl, tag, statement, json);
            return 0;
        }
        ServiceCall http = ServiceCall.fromEnvironment(environment);
        Optional<String> configured = config.tokenFor(registryUrl);
        String token = configured.orElseGet(() -> exchange(http, ci, registryUrl, name));
        boolean sign = provenance != null ? provenance : configured.isEmpty();
        Optional<PublishDocument.SignedProvenance> signed = Optional.empty();
        if (sign) {
            signed = Optional.of(signProvenance(http, ci, registryUrl, name, version, sha512, err));
        }
        ObjectNode body = PublishDocument.build(registryUrl, packed.manifest(), packed.readme(MAX_README_BYTES),
                packed.tarball(), tag, Optional.ofNullable(access), signed);
        put(http, registryUrl, name, token, body);
        if (json) {
            ObjectNode result = MAPPER.createObjectNode().put("id", name + "@" + version).put("name", name)
                    .put("version", version).put("registry", registryUrl.toString())
                    .put("integrity", body.at("/versions").get(version).at("/dist/integrity").asText())
                    .put("shasum", body.at("/versions").get(version).at("/dist/shasum").asText())
                    .put("tag", tag).put("trustedPublishing", configured.isEmpty());
            signed.ifPresentOrElse(p -> result.putObject("provenance").put("logIndex", p.logIndex())
                    .put("mediaType", p.mediaType()), () -> result.putNull("provenance"));
            out.println(result.toPrettyString());
        } else {
            out.println("+ " + name + "@" + version);
        }
        return 0;
    }

    private void checkOptions() {
        if (access != null && !access.equals("public") && !access.equals("restricted")) {
            throw CliException.usage("--access must be public or restricted");
        }
        if (tag.isBlank() || tag.contains("/") || tag.contains("%") || tag.strip().length() != tag.length()) {
            throw CliException.usage("--tag " + tag + " is not a valid dist-tag");
        }
        if (!Files.isDirectory(directory)) {
            throw CliException.usage(directory + " is not a directory");
        }
    }

    /**
     * Trusted publishing (npm.md §11.1): the CI's token for audience {@code npm:<registry host>} is exchanged at
     * {@code /-/npm/v1/oidc/token/exchange/package/<name>} for a short-lived token that may publish this package only.
     */
    private String exchange(ServiceCall http, CiEnvironment ci, URI registryUrl, String name) {
        String audience = "npm:" + registryUrl.getHost();
        String idToken = ci.npmToken(http, audience).orElseThrow(() -> CliException.usage("no token for " + registryUrl
                + " in .npmrc (//" + registryUrl.getRawAuthority() + registryUrl.getRawPath() + ":_authToken) and no CI "
                + "identity to exchange for one (trusted publishing needs GitHub Actions with id-token: write, or NPM_ID_TOKEN)"));
        URI url = ServiceCall.resolve(registryUrl, "/-/npm/v1/oidc/token/exchange/package/" + escapedName(name));
        byte[] response = ServiceCall.expectOk(http.send(HttpRequest.newBuilder(url)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer " + idToken)
                        .header("npm-command", "publish"), MAX_TOKEN_RESPONSE_BYTES,
                "the registry's trusted-publishing exchange"), "the registry's trusted-publishing exchange");
        try {
            JsonNode token = MAPPER.readTree(response).path("token");
            if (!token.isTextual() || token.asText().isBlank()) {
                throw CliException.failed("the registry's trusted-publishing exchange answered no token");
            }
            return token.asText();
        } catch (IOException e) {
            throw CliException.failed("the registry's trusted-publishing exchange answered something that is not JSON");
        }
    }

    private PublishDocument.SignedProvenance signProvenance(ServiceCall http, CiEnvironment ci, URI registryUrl,
            String name, String version, Digest sha512, PrintWriter err) {
        IdentityToken identity = ci.sigstoreToken(http);
        URI mirror = ServiceCall.url(tufUrl != null ? tufUrl : registryUrl.resolve("tuf/").toString(), "TUF repository");
        Optional<byte[]> pinned = Optional.ofNullable(tufRoot).map(PublishCommand::readRoot);
        InstanceTrust trust = InstanceTrust.fetch(http, mirror, pinned, InstantSource.system());
        KeylessSigning.Services services = KeylessSigning.select(trust.signingConfig(), InstantSource.system().instant());
        Bundle bundle = KeylessSigning.sign(http, certificate -> statementBytes(ci, name, version, sha512, certificate),
                true, identity, services);
        Verifier verifier;
        try {
            verifier = Verifier.create(trust.trustedRoot(), VerifierOptions.defaults(), InstantSource.system());
        } catch (FormatException e) {
            throw CliException.failed("the instance's trusted root is invalid: " + e.getMessage());
        }
        KeylessSigning.selfCheck(bundle, Policy.forDigest(sha512), verifier);
        long logIndex = bundle.verificationMaterial().tlogEntries().get(0).logIndex();
        err.println("Signed provenance statement with source and build information from " + ci.name());
        err.println("Provenance statement published to transparency log: "
                + services.logs().get(0).url() + " (log index " + logIndex + ")");
        return new PublishDocument.SignedProvenance(new String(BundleCodec.write(bundle), StandardCharsets.UTF_8),
                bundle.version().mediaType(), logIndex);
    }

    private static byte[] statementBytes(CiEnvironment ci, String name, String version, Digest sha512,
            java.security.cert.X509Certificate certificate) {
        Optional<FulcioCertificate> fulcio = Optional.empty();
        if (ProvenanceStatements.fromCertificate(ci)) {
            try {
                fulcio = Optional.of(FulcioCertificate.parse(certificate));
            } catch (FormatException e) {
                throw CliException.failed("the CA issued a certificate that is not a Fulcio certificate: " + e.getMessage());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(ProvenanceStatements.build(ci, name, version, sha512, fulcio));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static byte[] readRoot(Path file) {
        try {
            if (Files.size(file) > dev.hallmark.core.trust.tuf.TufClient.MAX_ROOT_BYTES) {
                throw CliException.usage("--tuf-root " + file + " is too large to be a TUF root");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliException.usage("cannot read --tuf-root " + file + ": " + e.getMessage());
        }
    }

    /** {@code PUT <registry><escaped name>} with npm's headers; any 2xx is success (npm.md §4). */
    private static void put(ServiceCall http, URI registryUrl, String name, String token, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        ServiceCall.expectOk(http.send(HttpRequest.newBuilder(ServiceCall.resolve(registryUrl, "/" + escapedName(name)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/json")
                .header("npm-command", "publish")
                .header("Authorization", "Bearer " + token), MAX_PUBLISH_RESPONSE_BYTES, "the registry"), "the registry");
    }

    /** npm's escaped name: the scope's slash as {@code %2f}, nothing else (names are URL-safe by npm's rules). */
    static String escapedName(String name) {
        return name.replace("/", "%2f");
    }
}
