package dev.hallmark.log.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.log.LoggedEntry;
import dev.hallmark.log.PublishedCheckpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Kill -9 under load, then verify (issue 3, "Proven by"): a child JVM ({@link CrashChild}) appends with 16 submitters
 * and reports each acknowledged add; it is killed with SIGKILL 50–400 ms after it is ready; the store is reopened in
 * this JVM and must hold every acknowledged entry at its acknowledged index with the same bytes and a valid inclusion
 * proof against the new checkpoint, which must be consistent with every checkpoint seen before.
 */
final class CrashHarness {
    /** What a run of kills observed: acknowledgement lines (re-adds included), distinct indices, final size. */
    record Result(int kills, int ackLines, int distinctIndices, long maxIndex, long finalSize) {
    }

    private final TestStores stores;
    private final Path keyDir;
    private final NoteSigner signer;
    private final Random random = new Random(42);
    private final Map<Long, String> acked = new HashMap<>(); // index → SHA-256 hex of the entry
    private final List<Checkpoint> seen = new ArrayList<>();

    CrashHarness(TestStores stores, Path keyDir) throws Exception {
        this.stores = stores;
        this.keyDir = keyDir;
        Signer key = Signer.generate(SignatureAlgorithm.ED25519);
        Files.writeString(keyDir.resolve("log.key"), Keys.toPem(key.privateKey()));
        Files.writeString(keyDir.resolve("log.pub"), Keys.toPem(key.publicKey()));
        this.signer = NoteSigner.of(EngineFixture.ORIGIN, key);
    }

    Result run(Path dataDir, int kills) throws Exception {
        int total = 0;
        for (int k = 0; k < kills; k++) {
            List<String[]> acks = runChildUntilKilled(dataDir);
            total += acks.size();
            verify(acks);
        }
        long max = acked.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        return new Result(kills, total, acked.size(), max, seen.getLast().size());
    }

    private List<String[]> runChildUntilKilled(Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String url = stores.jdbcUrl() == null ? "-" : stores.jdbcUrl();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashChild.class.getName(), dataDir.toString(), url,
                keyDir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String[]> acks = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (line.startsWith("ack ")) {
                        acks.add(line.split(" "));
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies
            }
        });
        try {
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child JVM started").isTrue();
            Thread.sleep(50 + random.nextInt(351));
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor();
            reader.join();
        }
        assertThat(child.exitValue()).as("child was killed, it did not fail").isEqualTo(137);
        return acks;
    }

    private void verify(List<String[]> acks) throws Exception {
        try (LogEngine engine = LogEngine.builder(stores.open(CrashChild.LOG), signer, EngineFixture.ORIGIN,
                EngineFixture.CLOCK).build().start()) {
            PublishedCheckpoint published = engine.latestCheckpoint();
            Checkpoint cp = published.note().verifyCheckpoint(List.of(signer.verifier()));
            for (String[] ack : acks) {
                long index = Long.parseLong(ack[1]);
                String previous = acked.putIfAbsent(index, ack[2]);
                assertThat(previous == null || previous.equals(ack[2])).as("index %d acknowledged twice", index)
                        .isTrue();
                LoggedEntry entry = engine.entry(index).orElseThrow(() -> new AssertionError("lost entry " + index));
                assertThat(HashAlgorithm.SHA2_256.digest(entry.data().toArray()).value().hex()).isEqualTo(ack[2]);
                Bytes leaf = MerkleHash.leafHash(entry.data());
                engine.inclusionProof(index, cp.size()).verify(leaf, cp.rootHash());
            }
            for (Checkpoint earlier : seen) {
                assertThat(cp.size()).isGreaterThanOrEqualTo(earlier.size());
                engine.consistencyProof(earlier.size(), cp.size()).verify(earlier.rootHash(), cp.rootHash());
            }
            seen.add(cp);
        }
    }
}
