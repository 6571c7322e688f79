package dev.hallmark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hallmark verify-bundle}: the sigstore-conformance verification entry point (sigstore.md §9), so that suite
 * can drive Hallmark, and a plain bundle verifier for people.
 */
@Command(name = "verify-bundle", mixinStandardHelpOptions = true,
        description = "Verify a Sigstore bundle for a file or a sha256 digest against a trusted root.")
final class VerifyBundleCommand implements Callable<Integer> {
    static final long MAX_ARTIFACT_BYTES = 1L << 30;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-fA-F]{64}");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "FILE", description = "The Sigstore bundle (JSON).")
    Path bundle;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Signer signer;

    static final class Signer {
        @ArgGroup(exclusive = false)
        Identity identity;

        @Option(names = "--key", paramLabel = "PEM_FILE", description = "Verify with this public key (managed-key bundles).")
        Path key;
    }

    static final class Identity {
        @Option(names = "--certificate-identity", required = true, paramLabel = "IDENTITY", description = "Expected certificate SAN, matched exactly.")
        String san;

        @Option(names = "--certificate-oidc-issuer", required = true, paramLabel = "URL", description = "Expected OIDC issuer, matched exactly.")
        String issuer;
    }

    @Option(names = "--trusted-root", paramLabel = "FILE", description = "trusted_root.json to verify against (default: the local Hallmark instance's).")
    Path trustedRoot;

    @Option(names = "--staging", description = "Use the public-good staging instance's trust root.")
    boolean staging;

    @Option(names = "--data", paramLabel = "DIR", description = "Hallmark data directory whose trust root to use (default: $HALLMARK_DATA or ./hallmark-data).")
    Path dataDir;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Parameters(index = "0", paramLabel = "FILE_OR_DIGEST", description = "The artifact, or sha256:<64 hex> of it.")
    String artifact;

    @Override
    public Integer call() {
        TrustedRoot root = TrustRoots.resolve(trustedRoot, staging, dataDir);
        Bundle parsed;
        try {
            parsed = BundleCodec.parse(InputFiles.read(bundle, BundleCodec.MAX_BYTES, "bundle"));
        } catch (FormatException e) {
            return fail(VerificationException.Reason.BUNDLE_MALFORMED.name(), "invalid bundle " + bundle + ": " + e.getMessage());
        }
        Policy.Builder policy = artifactPolicy();
        Policy complete = signer.key != null ? policy.requireKey(readKey(signer.key))
                : policy.requireIdentity(CertificateIdentity.exact(signer.identity.san, signer.identity.issuer));
        Verifier verifier;
        try {
            verifier = Verifier.create(root, VerifierOptions.defaults(), InstantSource.system());
        } catch (FormatException e) {
            throw CliException.usage("invalid trusted root: " + e.getMessage());
        }
        try {
            VerificationResult result = verifier.verify(parsed, complete);
            report(result);
            return 0;
        } catch (VerificationException e) {
            return fail(e.reason().name(), e.getMessage());
        }
    }

    /** FILE_OR_DIGEST is a digest only when it has the exact form and no such file exists (sigstore.md §9). */
    private Policy.Builder artifactPolicy() {
        if (DIGEST.matcher(artifact).matches() && !Files.exists(Path.of(artifact))) {
            try {
                return Policy.forDigest(Digest.of(HashAlgorithm.SHA2_256, Bytes.fromHex(artifact.substring(7))));
            } catch (FormatException e) {
                throw CliException.usage("invalid digest " + artifact);
            }
        }
        return Policy.forArtifact(InputFiles.read(Path.of(artifact), MAX_ARTIFACT_BYTES, "artifact"));
    }

    private static PublicKey readKey(Path path) {
        try {
            return Keys.publicKeyFromPem(new String(InputFiles.read(path, 64 * 1024, "key"), StandardCharsets.US_ASCII));
        } catch (FormatException e) {
            throw CliException.usage("invalid public key " + path + ": " + e.getMessage());
        }
    }

    private int fail(String reason, String message) {
        if (json) {
            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("verified", false).put("reason", reason).put("error", message);
            spec.commandLine().getOut().println(out);
        }
        spec.commandLine().getErr().println("hallmark: verification failed: " + message);
        return Main.EXIT_FAILED;
    }

    private void report(VerificationResult result) {
        String who = switch (result.signer()) {
            case VerificationResult.VerifiedSigner.Certificate c -> c.certificate().san().value()
                    + c.certificate().issuer().map(i -> " (" + i + ")").orElse("");
            case VerificationResult.VerifiedSigner.Key k -> "the given public key";
        };
        if (!json) {
            spec.commandLine().getOut().println("OK: verified, signed by " + who);
            return;
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("verified", true);
        out.put("bundleVersion", result.bundleVersion().mediaType());
        out.put("signer", who);
        result.statement().ifPresent(s -> out.put("predicateType", s.predicateType()));
        ArrayNode times = out.putArray("trustedTimes");
        result.trustedTimes().forEach(t -> times.addObject()
                .put("time", t.time().toString()).put("source", t.source().name()).put("authority", t.authority()));
        ArrayNode entries = out.putArray("tlogEntries");
        result.logEntries().forEach(e -> entries.addObject()
                .put("log", e.logBaseUrl()).put("logIndex", e.logIndex()).put("kind", e.kind() + "/" + e.version()));
        spec.commandLine().getOut().println(out);
    }
}
