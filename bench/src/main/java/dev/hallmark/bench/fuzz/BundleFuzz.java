package dev.hallmark.bench.fuzz;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Sigstore bundles: {@link BundleCodec#parse} gives a bundle or a {@code FormatException}; a bundle that parses is then
 * verified against the public-good trusted root (read from {@code ../shared/vectors} when present) with the
 * conformance suite's artifact and identity, which must end in a result or a {@code VerificationException}. The parsed bundle is
 * written back and must parse again.
 */
public final class BundleFuzz {
    private static final Path VECTORS = Path.of(System.getProperty("hallmark.shared", "../shared"), "vectors/conformance");
    private static final Verifier VERIFIER = verifier();
    private static final Policy POLICY = Policy.forArtifact(artifact()).requireIdentity(CertificateIdentity.exact(
            "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
                    + "extremely-dangerous-oidc-beacon.yml@refs/heads/main",
            "https://token.actions.githubusercontent.com"));

    private BundleFuzz() {
    }

    private static byte[] artifact() {
        try {
            return Files.readAllBytes(VECTORS.resolve("a.txt"));
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static Verifier verifier() {
        Path root = VECTORS.resolve("trusted_root.production.json");
        try {
            return Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(root)), VerifierOptions.defaults(),
                    InstantSource.fixed(Instant.parse("2024-03-20T00:00:00Z")));
        } catch (IOException | FormatException e) {
            System.err.println("BundleFuzz: no trusted root at " + root + " (" + e.getMessage() + "); parsing only");
            return null;
        }
    }

    public static void fuzzerTestOneInput(byte[] input) {
        Bundle bundle;
        try {
            bundle = BundleCodec.parse(input);
        } catch (FormatException e) {
            return;
        }
        try {
            BundleCodec.parse(BundleCodec.write(bundle));
        } catch (FormatException e) {
            throw new IllegalStateException("BundleCodec.write produced what BundleCodec.parse refuses: " + e.getMessage(), e);
        }
        if (VERIFIER != null) {
            try {
                VERIFIER.verify(bundle, POLICY);
            } catch (VerificationException e) {
                // typed refusal
            }
        }
    }
}
