package dev.hallmark.bench.peers;

import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;

/**
 * sigstore-java 2.0.0's {@link KeylessVerifier} over the trusted root file (no TUF, no network), with a Fulcio
 * certificate matcher for the exact SAN and issuer, given the artifact's sha256 digest: the only digest it takes
 * (peers.md §2.3), so cases whose subject is sha512 only exclude it. {@code verify} returns nothing and throws
 * {@code KeylessVerificationException} on failure.
 */
final class SigstoreJavaVerifier implements BundleVerifier {
    static final String NAME = "sigstore-java";
    private final KeylessVerifier verifier;
    private final VerificationOptions options;
    private final byte[] sha256;
    private final String bundleJson;

    SigstoreJavaVerifier(PeerCase c) throws Exception {
        if (!c.digestAlgorithm().equals("sha256")) {
            throw new IllegalArgumentException(c.id() + ": sigstore-java verifies sha256 artifact digests only");
        }
        verifier = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(c.trustedRoot())).build();
        options = VerificationOptions.builder().addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
                .subjectAlternativeName(StringMatcher.string(c.san())).issuer(StringMatcher.string(c.issuer())).build()).build();
        sha256 = HexFormat.of().parseHex(c.digestHex());
        bundleJson = Files.readString(c.bundle(), StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return dev.sigstore.buildinfo.BuildInfo.VERSION;
    }

    @Override
    public void verifyOnce() throws Exception {
        verifier.verify(sha256, Bundle.from(new StringReader(bundleJson)), options);
    }
}
