package dev.hallmark.log.engine;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.storage.LogStorages;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The crash test's child JVM: runs an engine on the given store with 16 submitters and prints
 * {@code ack <index> <sha256 hex>} for every acknowledged add, flushed, until it is killed. One submitter in eight
 * re-adds its previous entry, which must come back as a duplicate at the same index.
 * Arguments: data dir, database URL ({@code -} for the embedded store), key dir.
 */
public final class CrashChild {
    static final String LOG = "crash";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String url = args[1].equals("-") ? null : args[1];
        Path keys = Path.of(args[2]);
        Signer key = Signer.of(Keys.privateKeyFromPem(Files.readString(keys.resolve("log.key"))),
                Keys.publicKeyFromPem(Files.readString(keys.resolve("log.pub"))), SignatureAlgorithm.ED25519);
        NoteSigner signer = NoteSigner.of(EngineFixture.ORIGIN, key);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        LogEngine engine = LogEngine.builder(LogStorages.open(url, dataDir, LOG), signer, EngineFixture.ORIGIN,
                InstantSource.system()).maxBatchAge(Duration.ofMillis(2)).pollInterval(Duration.ofMillis(20))
                .build().start();
        synchronized (out) {
            out.println("ready");
            out.flush();
        }
        for (int t = 0; t < 16; t++) {
            Thread.ofPlatform().start(() -> submit(engine, out));
        }
        Thread.sleep(Duration.ofMinutes(5)); // until SIGKILL
    }

    private static void submit(LogEngine engine, PrintStream out) {
        Bytes previous = null;
        while (true) {
            Bytes entry = previous != null && ThreadLocalRandom.current().nextInt(8) == 0 ? previous
                    : Bytes.utf8("{\"crash\":\"" + UUID.randomUUID() + "\"}");
            AddOutcome outcome;
            try {
                outcome = engine.add(entry).join();
            } catch (RuntimeException e) {
                continue; // overloaded: nothing was acknowledged
            }
            if (entry == previous && !(outcome instanceof AddOutcome.Duplicate)) {
                System.err.println("re-added entry was not a duplicate: " + outcome);
                System.exit(3);
            }
            previous = entry;
            String line = "ack " + outcome.index() + " " + HashAlgorithm.SHA2_256.digest(entry.toArray()).value().hex();
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
