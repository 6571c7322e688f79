package dev.hallmark.log.rekor;

import static dev.hallmark.log.rekor.RekorFixtures.json;
import static dev.hallmark.log.rekor.RekorFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.log.api.LogApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Rekor v1 write failures as a client sees them: status, error body and headers. */
class RekorV1WriteErrorsTest {
    private final Signer signer = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final Bytes proposal = RekorFixtures.hashedRekord(signer, "artifact".getBytes(StandardCharsets.UTF_8));

    @Test
    void duplicateIs409WithTheLocationOfTheExistingEntry() {
        RekorFixtures f = new RekorFixtures();
        LogApiResponse first = f.api.createEntry(proposal);
        LogApiResponse again = f.api.createEntry(proposal);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Location")).isPresent().isEqualTo(first.header("Location"));
        assertThat(json(again).get("code").intValue()).isEqualTo(409);
        assertThat(json(again).get("message").textValue()).contains(only(json(first)).getKey());
        assertThat(f.log.latestCheckpoint().size()).isEqualTo(1);
    }

    @Test
    void locationIsRelativeToTheBasePath() {
        RekorFixtures f = new RekorFixtures();
        RekorV1Api api = new RekorV1Api(f.log, f.log, f.logKey, RekorFixtures.TREE_ID, "/rekor", RekorLimits.defaults());
        LogApiResponse created = api.createEntry(proposal);
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).matches("/rekor/api/v1/log/entries/[0-9a-f]{80}"));
    }

    @Test
    void tenMegabyteBodyIs413() {
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        LogApiResponse response = new RekorFixtures().api.createEntry(Bytes.of(big));
        assertThat(response.status()).isEqualTo(413);
        assertThat(json(response).get("code").intValue()).isEqualTo(413);
    }

    @Test
    void malformedUnsignedAndWronglySignedAre400WithAReason() {
        RekorFixtures f = new RekorFixtures();
        Bytes wrong = RekorFixtures.hashedRekord(dev.hallmark.core.crypto.Digest.sha256(new byte[] {1}),
                signer.sign(new byte[] {2}), dev.hallmark.core.crypto.Keys.toPem(signer.publicKey()));
        for (Bytes bad : new Bytes[] {Bytes.utf8("{"), Bytes.utf8("{\"kind\":\"dsse\",\"apiVersion\":\"0.0.1\",\"spec\":{}}"),
                Bytes.utf8("{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"data\":{}}}"), wrong}) {
            LogApiResponse response = f.api.createEntry(bad);
            assertThat(response.status()).as(bad.toString()).isEqualTo(400);
            assertThat(json(response).get("code").intValue()).isEqualTo(400);
            assertThat(json(response).get("message").textValue()).startsWith("error processing entry: ");
        }
        assertThat(f.log.latestCheckpoint().size()).isZero();
    }

    @Test
    void overloadIs503WithRetryAfter() {
        RekorFixtures f = new RekorFixtures();
        f.log.overloaded(Duration.ofMillis(1500));
        LogApiResponse response = f.api.createEntry(proposal);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).contains("2");
        assertThat(json(response).get("code").intValue()).isEqualTo(503);
    }

    /** The index is durable but no checkpoint comes in time: 503; once published, a retry finds the entry (409). */
    @Test
    void noCoveringCheckpointInTimeIs503AndTheRetryIsADuplicate() {
        RekorFixtures f = new RekorFixtures(InstantSource.fixed(RekorFixtures.START),
                RekorLimits.defaults().withCommitTimeout(Duration.ofMillis(20)));
        f.log.autoPublish(false);
        LogApiResponse timedOut = f.api.createEntry(proposal);
        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(timedOut.header("Retry-After")).isPresent();

        f.log.publish();
        LogApiResponse retry = f.api.createEntry(proposal);
        assertThat(retry.status()).isEqualTo(409);
        String location = retry.header("Location").orElseThrow();
        LogApiResponse found = f.api.getEntry(location.substring(location.lastIndexOf('/') + 1));
        assertThat(found.status()).isEqualTo(200);
    }

    @Test
    void aCheckpointPublishedWhileWaitingCompletesTheWrite() throws Exception {
        RekorFixtures f = new RekorFixtures(InstantSource.fixed(RekorFixtures.START),
                RekorLimits.defaults().withCommitTimeout(Duration.ofSeconds(30)));
        f.log.autoPublish(false);
        Thread publisher = Thread.ofVirtual().start(() -> {
            while (f.log.entry(0).isEmpty()) {
                Thread.onSpinWait();
            }
            f.log.publish();
        });
        LogApiResponse created = f.api.createEntry(proposal);
        publisher.join();
        assertThat(created.status()).isEqualTo(201);
        assertThat(only(json(created)).getValue().get("verification").get("inclusionProof").get("treeSize").longValue()).isEqualTo(1);
    }

    @Test
    void theSetKeyMustBeEcdsaP256() {
        RekorFixtures f = new RekorFixtures();
        Signer ed = Signer.generate(SignatureAlgorithm.ED25519);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new RekorV1Api(f.log, f.log, ed, 1, "", RekorLimits.defaults())).isInstanceOf(IllegalArgumentException.class);
    }
}
