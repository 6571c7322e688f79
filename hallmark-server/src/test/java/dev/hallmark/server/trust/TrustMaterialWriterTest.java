package dev.hallmark.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.trust.TransparencyLog;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustMaterialWriterTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final URI LOG = URI.create("http://127.0.0.1:8080/log");

    @TempDir
    Path dir;

    @Test
    void writesTheLogAsSigstoreClientsExpectIt() throws Exception {
        Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        TrustMaterialWriter writer = new TrustMaterialWriter(dir.resolve("trust"));
        assertThat(writer.writeLog(key.publicKey(), LOG, T0)).isTrue();

        TrustedRoot root = TrustedRootCodec.parse(Files.readAllBytes(dir.resolve("trust/trusted_root.json")));
        assertThat(root.mediaType()).isEqualTo(TrustedRoot.MEDIA_TYPE_0_1);
        TransparencyLog log = root.tlogs().get(0);
        assertThat(root.tlogs()).hasSize(1);
        assertThat(log.baseUrl()).isEqualTo(LOG.toString());
        assertThat(log.hashAlgorithm()).isEqualTo(HashAlgorithm.SHA2_256);
        assertThat(log.publicKey().keyDetails()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
        assertThat(log.publicKey().key()).isEqualTo(key.publicKey());
        assertThat(log.publicKey().validFor().start()).isEqualTo(T0);
        assertThat(log.logId()).isEqualTo(Digest.sha256(key.publicKey().getEncoded()).value());
        assertThat(root.tlogsWithId(log.logId())).containsExactly(log);
    }

    @Test
    void restartKeepsTheFileAndItsValidityStart() throws Exception {
        Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        TrustMaterialWriter writer = new TrustMaterialWriter(dir.resolve("trust"));
        writer.writeLog(key.publicKey(), LOG, T0);
        Path file = writer.trustedRootPath();
        byte[] before = Files.readAllBytes(file);
        Files.setLastModifiedTime(file, FileTime.from(T0));

        assertThat(writer.writeLog(key.publicKey(), LOG, T0.plusSeconds(3600))).as("a later start changes nothing").isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(FileTime.from(T0));
    }

    @Test
    void aNewBaseUrlIsWrittenAndANewKeyIsAdded() throws Exception {
        Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        TrustMaterialWriter writer = new TrustMaterialWriter(dir.resolve("trust"));
        writer.writeLog(key.publicKey(), LOG, T0);
        assertThat(writer.writeLog(key.publicKey(), URI.create("https://log.example"), T0.plusSeconds(60))).isTrue();
        TrustedRoot root = writer.read().orElseThrow();
        assertThat(root.tlogs()).singleElement().satisfies(l -> {
            assertThat(l.baseUrl()).isEqualTo("https://log.example");
            assertThat(l.publicKey().validFor().start()).isEqualTo(T0);
        });

        Signer next = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        writer.writeLog(next.publicKey(), URI.create("https://log.example"), T0.plusSeconds(120));
        assertThat(writer.read().orElseThrow().tlogs()).extracting(TransparencyLog::logId)
                .containsExactly(Digest.sha256(key.publicKey().getEncoded()).value(), Digest.sha256(next.publicKey().getEncoded()).value());
        try (var listing = Files.list(dir.resolve("trust"))) {
            assertThat(listing.toList()).as("no temporary files left").containsExactly(writer.trustedRootPath());
        }
    }

    @Test
    void logIdIsSha256OfTheSpki() throws Exception {
        Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        TransparencyLog log = TrustMaterialWriter.transparencyLog(key.publicKey(), LOG, T0);
        assertThat(log.logId()).isEqualTo(HashAlgorithm.SHA2_256.digest(Bytes.of(key.publicKey().getEncoded())).value());
        assertThat(log.logId().length()).isEqualTo(32);
    }
}
