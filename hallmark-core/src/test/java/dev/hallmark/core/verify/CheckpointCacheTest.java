package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.CHECKPOINT_INVALID;
import static dev.hallmark.core.verify.VerificationException.Reason.CHECKPOINT_MISMATCH;
import static dev.hallmark.core.verify.VerificationException.Reason.INCLUSION_PROOF_INVALID;
import static dev.hallmark.core.verify.VerificationException.Reason.SET_INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.verify.MutationHarness.Outcome;
import dev.hallmark.core.verify.MutationHarness.Subject;
import org.junit.jupiter.api.Test;

/**
 * A verifier remembers checkpoints whose signature verified (entries of one log batch share one), never anything that
 * differs per entry: with the genuine checkpoint already remembered, a bundle whose proof, root, SET or checkpoint
 * signature was altered is still refused, each for its own reason. The subjects get a verifier of their own so that
 * what is remembered is exactly what these steps put there.
 */
class CheckpointCacheTest {
    static final String ENTRY = VerifierMutationTest.ENTRY;
    static final String PROOF = VerifierMutationTest.PROOF;

    static Subject fresh(Subject base) {
        Verifier own = MutationHarness.verifier(MutationHarness.root(
                base == BaseBundles.REKOR_V2 ? BaseBundles.REKOR2_ROOT_JSON : BaseBundles.PRODUCTION_ROOT_JSON));
        return new Subject(base.name(), base.bundle(), own, base.policy());
    }

    @Test
    void aRememberedCheckpointStillChecksEachEntrysProofAndPromise() {
        for (Subject base : VerifierMutationTest.ALL) {
            Subject subject = fresh(base);
            assertThat(subject.verify()).as(subject.name()).isEqualTo(Outcome.VERIFIED); // checkpoint now remembered
            Bytes hash = MutationHarness.base64(subject.bundle(), PROOF + "/hashes/0");
            assertThat(subject.mutate(json -> MutationHarness.setText(json, PROOF + "/hashes/0", MutationHarness.flip(hash, 3).base64())))
                    .as(subject.name()).isEqualTo(Outcome.rejected(INCLUSION_PROOF_INVALID));
            Bytes root = MutationHarness.base64(subject.bundle(), PROOF + "/rootHash");
            assertThat(subject.mutate(json -> MutationHarness.setText(json, PROOF + "/rootHash", MutationHarness.flip(root, 0).base64())))
                    .as(subject.name()).isEqualTo(Outcome.rejected(CHECKPOINT_MISMATCH));
            assertThat(subject.mutate(json -> VerifierMutationTest.addToNumber(json, PROOF + "/logIndex", 1)))
                    .as(subject.name()).isEqualTo(Outcome.rejected(INCLUSION_PROOF_INVALID));
            if (base != BaseBundles.REKOR_V2) {
                assertThat(subject.mutate(json -> VerifierMutationTest.addToNumber(json, ENTRY + "/integratedTime", 1)))
                        .as(subject.name()).isEqualTo(Outcome.rejected(SET_INVALID));
            }
            assertThat(subject.verify()).as(subject.name()).isEqualTo(Outcome.VERIFIED);
        }
    }

    @Test
    void anotherCheckpointIsVerifiedAfterTheGenuineOneWasRemembered() {
        for (Subject base : VerifierMutationTest.ALL) {
            Subject subject = fresh(base);
            assertThat(subject.verify()).as(subject.name()).isEqualTo(Outcome.VERIFIED);
            // the same checkpoint text with one bit of its signature flipped: other bytes, so verified, and refused
            String envelope = subject.text(VerifierMutationTest.CHECKPOINT);
            int sigLine = envelope.substring(0, envelope.lastIndexOf("\n\n") + 2).split("\n", -1).length - 1;
            String line = envelope.split("\n", -1)[sigLine];
            String prefix = line.substring(0, line.lastIndexOf(' ') + 1);
            Bytes sig = VerifierMutationTest.decode(line.substring(prefix.length()));
            assertThat(subject.mutate(json -> VerifierMutationTest.editCheckpointLine(json, sigLine,
                    l -> prefix + MutationHarness.flip(sig, sig.length() * 8 - 1).base64())))
                    .as(subject.name()).isEqualTo(Outcome.rejected(CHECKPOINT_INVALID));
            // and a changed size line, even though the original text was remembered
            assertThat(subject.mutate(json -> VerifierMutationTest.editCheckpointLine(json, 1,
                    l -> Long.toString(Long.parseLong(l) + 1)))).as(subject.name()).isEqualTo(Outcome.rejected(CHECKPOINT_INVALID));
        }
    }
}
