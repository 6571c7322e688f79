package dev.hallmark.bench.peers;

import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import java.nio.file.Files;
import java.time.InstantSource;

/** hallmark-core's {@link Verifier} with its default options and an exact identity policy over the artifact digest. */
final class HallmarkCoreVerifier implements BundleVerifier {
    static final String NAME = "hallmark-core";
    private final Verifier verifier;
    private final Policy policy;
    private final byte[] bundleJson;
    private final String san;

    HallmarkCoreVerifier(PeerCase c) throws Exception {
        verifier = Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(c.trustedRoot())), VerifierOptions.defaults(),
                InstantSource.system());
        policy = Policy.forDigest(Digest.of(HashAlgorithm.parse(c.digestAlgorithm()), Bytes.fromHex(c.digestHex())))
                .requireIdentity(CertificateIdentity.exact(c.san(), c.issuer()));
        bundleJson = Files.readAllBytes(c.bundle());
        san = c.san();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return System.getProperty("hallmark.revision", "unknown");
    }

    @Override
    public void verifyOnce() throws Exception {
        VerificationResult result = verifier.verify(BundleCodec.parse(bundleJson), policy);
        if (!(result.signer() instanceof VerificationResult.VerifiedSigner.Certificate cert)
                || !cert.certificate().san().value().equals(san)) {
            throw new IllegalStateException("verified, but not for " + san + ": " + result.signer());
        }
    }
}
