package dev.hallmark.bench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import dev.hallmark.core.rekor.RekorV1Entries;
import dev.hallmark.core.rekor.RekorV2Entries;

/**
 * Transparency log answers as clients read them (the registry's publish attestations, {@code hallmark sign-bundle}):
 * a Rekor v1 or v2 create/get response ({@link RekorV1Entries#parseResponse}, {@link RekorV2Entries#parseResponse})
 * gives an entry or a {@code FormatException}; an inclusion proof in it rebuilds a root or throws a
 * {@code ProofException}.
 */
public final class RekorFuzz {
    private RekorFuzz() {
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        boolean v2 = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        TlogEntry entry;
        try {
            entry = v2 ? RekorV2Entries.parseResponse(input) : RekorV1Entries.parseResponse(input);
        } catch (FormatException e) {
            return;
        }
        if (entry.inclusionProof().isPresent()) {
            TlogInclusionProof p = entry.inclusionProof().get();
            try {
                InclusionProof.of(p.logIndex(), p.treeSize(), p.hashes()).rootFrom(MerkleHash.leafHash(entry.canonicalizedBody()));
            } catch (ProofException e) {
                // typed refusal
            }
        }
    }
}
