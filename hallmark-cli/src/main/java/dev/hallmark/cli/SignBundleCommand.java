package dev.hallmark.cli;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.DsseContent;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.trust.SigningConfig;
import dev.hallmark.core.trust.SigningConfigCodec;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hallmark sign-bundle}: the sigstore-conformance signing entry point (sigstore.md §9). Signs FILE keylessly
 * through the services of a signing config, checks the bundle with hallmark-core's verifier against the trusted root
 * (STYLE: check your own outputs before they leave), and only then writes it.
 */
@Command(name = "sign-bundle", mixinStandardHelpOptions = true,
        description = "Sign a file (or an in-toto statement, as DSSE) keylessly and write a v0.3 Sigstore bundle.")
final class SignBundleCommand implements Callable<Integer> {
    static final long MAX_SIGNING_CONFIG_BYTES = 1024 * 1024;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--identity-token", required = true, paramLabel = "TOKEN", description = "OIDC identity token (JWT) the CA accepts.")
    String identityToken;

    @Option(names = "--bundle", required = true, paramLabel = "OUT", description = "Where to write the bundle.")
    Path bundle;

    @Option(names = "--signing-config", paramLabel = "FILE", description = "signing_config.json naming CA, logs and TSAs (default: the local instance's).")
    Path signingConfig;

    @Option(names = "--trusted-root", paramLabel = "FILE", description = "trusted_root.json the bundle is checked against (default: the local instance's).")
    Path trustedRoot;

    @Option(names = "--in-toto", description = "FILE is an in-toto statement: sign it as a DSSE envelope.")
    boolean inToto;

    @Option(names = "--staging", description = "Use the public-good staging instance (needs --signing-config and --trusted-root).")
    boolean staging;

    @Option(names = "--data", paramLabel = "DIR", description = "Hallmark data directory whose trust material to use (default: $HALLMARK_DATA or ./hallmark-data).")
    Path dataDir;

    @Parameters(index = "0", paramLabel = "FILE", description = "The artifact, or with --in-toto the statement.")
    Path file;

    @Override
    public Integer call() {
        byte[] artifact = InputFiles.read(file, inToto ? Statement.MAX_BYTES : VerifyBundleCommand.MAX_ARTIFACT_BYTES,
                inToto ? "statement" : "artifact");
        if (inToto) {
            KeylessSigning.statement(dev.hallmark.core.crypto.Bytes.of(artifact));
        }
        SigningConfig config = readSigningConfig();
        TrustedRoot root = TrustRoots.resolve(trustedRoot, staging, dataDir);
        Verifier verifier;
        try {
            verifier = Verifier.create(root, VerifierOptions.defaults(), InstantSource.system());
        } catch (FormatException e) {
            throw CliException.usage("invalid trusted root: " + e.getMessage());
        }
        IdentityToken token = IdentityToken.parse(identityToken);
        KeylessSigning.Services services = KeylessSigning.select(config, InstantSource.system().instant());
        Bundle signed = KeylessSigning.sign(ServiceCall.fromEnvironment(System.getenv()), artifact, inToto, token, services);
        Policy.Builder policy = signed.content() instanceof DsseContent d ? Policy.forDigest(subjectDigest(d)) : Policy.forArtifact(artifact);
        String signer = KeylessSigning.selfCheck(signed, policy, verifier);
        write(BundleCodec.write(signed));
        spec.commandLine().getOut().println("wrote " + bundle + ", signed by " + signer);
        return 0;
    }

    private SigningConfig readSigningConfig() {
        Path path = signingConfig;
        if (path == null) {
            if (staging) {
                throw CliException.usage("no signing config: the public-good staging config comes only through TUF; pass --signing-config FILE");
            }
            Path dir = dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("HALLMARK_DATA", "hallmark-data"));
            path = dir.resolve("trust").resolve("signing_config.json");
            if (!Files.isRegularFile(path)) {
                throw CliException.usage("no signing config: pass --signing-config FILE, or --data DIR of a Hallmark instance ("
                        + path + " does not exist)");
            }
        }
        try {
            return SigningConfigCodec.parse(InputFiles.read(path, MAX_SIGNING_CONFIG_BYTES, "signing config"));
        } catch (FormatException e) {
            throw CliException.usage("invalid signing config " + path + ": " + e.getMessage());
        }
    }

    private static dev.hallmark.core.crypto.Digest subjectDigest(DsseContent dsse) {
        Statement statement = KeylessSigning.statement(dsse.envelope().payload());
        for (HashAlgorithm algorithm : new HashAlgorithm[] {HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_512, HashAlgorithm.SHA2_384}) {
            for (var subject : statement.subjects()) {
                var digest = subject.digest().get(algorithm);
                if (digest.isPresent()) {
                    return digest.get();
                }
            }
        }
        throw CliException.usage("the in-toto statement has no sha256, sha384 or sha512 subject digest");
    }

    /** Written beside the target and moved into place, so a failure never leaves half a bundle. */
    private void write(byte[] json) {
        Path target = bundle.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), ".sign-bundle-", ".tmp");
            try {
                Files.write(temp, json);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw CliException.usage("cannot write the bundle " + bundle + ": " + e.getMessage());
        }
    }
}
