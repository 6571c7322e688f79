package dev.hallmark.log.witness;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which sets of witnesses are enough for a checkpoint to be published, as a witness policy's {@code quorum} and
 * {@code group} lines say (the policy format Tessera and rekor-tiles read, sigstore.md §4.4; groups as in the Sigsum
 * policy file): a single witness, a threshold over members (themselves witnesses or groups), or nothing at all.
 */
public sealed interface Quorum {
    /** True when the witnesses named in {@code cosigned} (policy names whose cosignature verified) satisfy it. */
    boolean isMetBy(Set<String> cosigned);

    /** One named witness must cosign. */
    record Witness(String name) implements Quorum {
        public Witness {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean isMetBy(Set<String> cosigned) {
            return cosigned.contains(name);
        }
    }

    /** At least {@code threshold} of the members must be met ({@code all}: every member; {@code any}: one). */
    record Group(int threshold, List<Quorum> members) implements Quorum {
        public Group {
            members = List.copyOf(members);
            if (members.isEmpty() || threshold < 1 || threshold > members.size()) {
                throw new IllegalArgumentException("threshold must be between 1 and the number of members");
            }
        }

        @Override
        public boolean isMetBy(Set<String> cosigned) {
            return members.stream().filter(m -> m.isMetBy(cosigned)).limit(threshold).count() == threshold;
        }
    }

    /** {@code quorum none}: witnesses are asked, but publication never waits for them. */
    record None() implements Quorum {
        @Override
        public boolean isMetBy(Set<String> cosigned) {
            return true;
        }
    }
}
