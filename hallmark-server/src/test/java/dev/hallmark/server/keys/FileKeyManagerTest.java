package dev.hallmark.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyManagerTest {
    static final KeyName LOG = KeyName.of("log-checkpoint");
    static final byte[] MESSAGE = "checkpoint body".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    Path keys() {
        return dir.resolve("keys");
    }

    @Test
    void keyFileIsPkcs8Pem0600InA0700Directory() throws Exception {
        FileKeyManager manager = new FileKeyManager(keys());
        manager.signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256);
        Path file = keys().resolve("log-checkpoint.pem");
        assertThat(manager.path(LOG)).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Keys.privateKeyFromPem(Files.readString(file)).getAlgorithm()).isEqualTo("EC");
        try (var listing = Files.list(keys())) {
            assertThat(listing.toList()).as("no temporary files left").containsExactly(file);
        }
    }

    @Test
    void theSameKeyComesBackAfterARestart() throws Exception {
        for (SignatureAlgorithm alg : List.of(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ECDSA_P384_SHA384,
                SignatureAlgorithm.ED25519)) {
            KeyName name = KeyName.of("k-" + alg.name().toLowerCase().replace('_', '-'));
            Signer first = new FileKeyManager(keys()).signer(name, alg);
            Signer again = new FileKeyManager(keys()).signer(name, alg);
            assertThat(again.publicKey()).isEqualTo(first.publicKey());
            assertThat(again.algorithm()).isEqualTo(alg);
            first.verifier().verify(Bytes.of(MESSAGE), again.sign(MESSAGE)); // throws if the reloaded key is another key
        }
    }

    @Test
    void oneInstanceHandsOutOneSignerPerName() throws Exception {
        FileKeyManager manager = new FileKeyManager(keys());
        assertThat(manager.signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256))
                .isSameAs(manager.signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256));
    }

    @Test
    void concurrentFirstUseCreatesOneKey() throws Exception {
        List<Callable<Signer>> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            starts.add(() -> new FileKeyManager(keys()).signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<Signer>> results = pool.invokeAll(starts);
            var key = results.get(0).get().publicKey();
            for (Future<Signer> f : results) {
                assertThat(f.get().publicKey()).isEqualTo(key);
            }
        }
    }

    @Test
    void ALGORITHM_MISMATCH() throws Exception {
        new FileKeyManager(keys()).signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256);
        KeyException e = catchThrowableOfType(KeyException.class,
                () -> new FileKeyManager(keys()).signer(LOG, SignatureAlgorithm.ED25519));
        assertThat(e.reason()).isEqualTo(KeyException.Reason.ALGORITHM_MISMATCH);
        FileKeyManager same = new FileKeyManager(keys());
        same.signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(catchThrowableOfType(KeyException.class, () -> same.signer(LOG, SignatureAlgorithm.ECDSA_P384_SHA384)).reason())
                .isEqualTo(KeyException.Reason.ALGORITHM_MISMATCH);
    }

    @Test
    void INSECURE_PERMISSIONS() throws Exception {
        FileKeyManager manager = new FileKeyManager(keys());
        manager.signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256);
        Files.setPosixFilePermissions(manager.path(LOG), PosixFilePermissions.fromString("rw-r--r--"));
        KeyException e = catchThrowableOfType(KeyException.class,
                () -> new FileKeyManager(keys()).signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256));
        assertThat(e.reason()).isEqualTo(KeyException.Reason.INSECURE_PERMISSIONS);
    }

    @Test
    void MALFORMED() throws Exception {
        Files.createDirectories(keys());
        Path file = keys().resolve("log-checkpoint.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        KeyException e = catchThrowableOfType(KeyException.class,
                () -> new FileKeyManager(keys()).signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256));
        assertThat(e.reason()).isEqualTo(KeyException.Reason.MALFORMED);
        assertThat(Files.readString(file)).as("a bad key file is never replaced").contains("AAAA");
    }

    @Test
    void keyNamesAreSafeFileNames() {
        assertThatThrownBy(() -> KeyName.of("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyName.of("Log")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyName.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyName.of("ca-root-2026").value()).isEqualTo("ca-root-2026");
    }

    @Test
    void signerNeverPrintsItsKey() throws Exception {
        Signer signer = new FileKeyManager(keys()).signer(LOG, SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(signer.toString()).doesNotContain(Files.readString(keys().resolve("log-checkpoint.pem")).lines().skip(1).findFirst().orElseThrow());
    }
}
