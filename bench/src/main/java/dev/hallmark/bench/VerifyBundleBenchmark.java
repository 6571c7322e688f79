package dev.hallmark.bench;

import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying one real npm provenance bundle (@playwright/cli 0.1.1: DSSE, Rekor v1 entry with SET and inclusion proof,
 * Fulcio certificate with an embedded SCT) against the public-good trusted root, with an identity policy. One thread,
 * so the score is verifications per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class VerifyBundleBenchmark {
    private Verifier verifier;
    private byte[] bundleJson;
    private Bundle bundle;
    private Policy policy;

    @Setup
    public void setUp() throws Exception {
        Path vectors = Path.of(System.getProperty("hallmark.vectors", "../shared/vectors"));
        Path dir = vectors.resolve("npm/playwright-cli-0.1.1");
        verifier = Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(vectors.resolve("conformance/trusted_root.production.json"))),
                VerifierOptions.defaults(), InstantSource.system());
        bundleJson = Files.readAllBytes(dir.resolve("playwright-cli-0.1.1-provenance.sigstore.json"));
        bundle = BundleCodec.parse(bundleJson);
        policy = Policy.forDigest(Digest.sha512(Files.readAllBytes(dir.resolve("playwright-cli-0.1.1.tgz"))))
                .requireIdentity(CertificateIdentity.exact(
                        "https://github.com/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1",
                        "https://token.actions.githubusercontent.com"));
        verifier.verify(bundle, policy); // fail fast if the setup is wrong
    }

    /** Verification of an already parsed bundle. */
    @Benchmark
    public VerificationResult verifyParsed() throws Exception {
        return verifier.verify(bundle, policy);
    }

    /** Parsing the JSON and verifying, as a registry does per publish or a CLI per package. */
    @Benchmark
    public VerificationResult parseAndVerify() throws Exception {
        return verifier.verify(BundleCodec.parse(bundleJson), policy);
    }
}
