package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sigstore-js (@sigstore/sign 5, as npm uses it) logs a DSSE attestation in a running Hallmark log through its Rekor v1
 * API; the bundle it builds is verified by @sigstore/verify with the instance's trusted_root.json and by hallmark-core.
 * The signature is keyed while the CA is not built yet (issue 3's "or a keyed signature while the CA issue is open").
 */
class SigstoreJsLogInteropTest {
    @TempDir
    static Path dir;
    private static HallmarkServer server;
    private static Path privateKey;
    private static Path publicKey;
    private static Signer key;
    private static final byte[] ARTIFACT = "hallmark interop artifact\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        server = HallmarkServer.builder(dir.resolve("data"))
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(), Optional.empty(), false))
                .start();
        key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        privateKey = Files.writeString(dir.resolve("key.pem"), Keys.toPem(key.privateKey()));
        publicKey = Files.writeString(dir.resolve("key.pub"), Keys.toPem(key.publicKey()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path statement() throws Exception {
        String json = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"pkg:npm/interop@1.0.0\",\"digest\":{\"sha512\":\""
                + Digest.sha512(ARTIFACT).hex() + "\"}}],\"predicateType\":\"https://github.com/npm/attestation/tree/main/specs/publish/v0.1\","
                + "\"predicate\":{\"name\":\"interop\",\"version\":\"1.0.0\",\"registry\":\"http://127.0.0.1\"}}";
        return Files.writeString(dir.resolve("statement.json"), json);
    }

    private static Path trustedRoot() {
        return dir.resolve("data/trust/trusted_root.json");
    }

    @Test
    void sigstoreJsLogsADsseAttestationThatBothVerifiersAccept() throws Exception {
        Path bundleFile = dir.resolve("bundle.json");
        NodeClients.Result signed = NodeClients.run("sign-dsse-keyed.mjs", server.urls().log().toString(),
                privateKey.toString(), "interop-key", statement().toString(), bundleFile.toString());
        assertThat(signed.exit()).as(signed.output()).isZero();

        NodeClients.Result verified = NodeClients.run("verify-bundle.mjs", bundleFile.toString(), trustedRoot().toString(),
                publicKey.toString(), "interop-key");
        assertThat(verified.output()).isEqualTo("verified");
        assertThat(verified.exit()).isZero();

        Bundle bundle = BundleCodec.parse(Files.readAllBytes(bundleFile));
        Verifier verifier = Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(trustedRoot())), VerifierOptions.defaults(), InstantSource.system());
        VerificationResult result = verifier.verify(bundle, Policy.forArtifact(ARTIFACT).requireKey(key.publicKey()));
        assertThat(result.logEntries()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("dsse");
            assertThat(e.inclusionProofVerified()).isTrue();
            assertThat(e.inclusionPromiseVerified()).isTrue();
            assertThat(e.logBaseUrl()).isEqualTo(server.urls().log().toString());
        });
    }

    @Test
    void bothVerifiersRejectABundleWhoseLogEntryWasTamperedWith() throws Exception {
        Path bundleFile = dir.resolve("tampered.json");
        NodeClients.Result signed = NodeClients.run("sign-dsse-keyed.mjs", server.urls().log().toString(),
                privateKey.toString(), "interop-key", statement().toString(), bundleFile.toString());
        assertThat(signed.exit()).as(signed.output()).isZero();
        ObjectMapper json = new ObjectMapper();
        ObjectNode bundle = (ObjectNode) json.readTree(bundleFile.toFile());
        ObjectNode entry = (ObjectNode) bundle.at("/verificationMaterial/tlogEntries/0");
        entry.put("integratedTime", Long.toString(Long.parseLong(entry.get("integratedTime").asText()) + 1));
        Files.write(bundleFile, json.writeValueAsBytes(bundle));

        NodeClients.Result verified = NodeClients.run("verify-bundle.mjs", bundleFile.toString(), trustedRoot().toString(),
                publicKey.toString(), "interop-key");
        assertThat(verified.exit()).as(verified.output()).isEqualTo(1);

        Verifier verifier = Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(trustedRoot())), VerifierOptions.defaults(), InstantSource.system());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(BundleCodec.parse(Files.readAllBytes(bundleFile)),
                        Policy.forArtifact(ARTIFACT).requireKey(key.publicKey())))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.reason()).isEqualTo(VerificationException.Reason.SET_INVALID));
    }
}
