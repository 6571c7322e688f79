package dev.hallmark.bench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.trust.tuf.Metadata;
import dev.hallmark.core.trust.tuf.Role;
import dev.hallmark.core.trust.tuf.Root;
import dev.hallmark.core.trust.tuf.Snapshot;
import dev.hallmark.core.trust.tuf.Targets;
import dev.hallmark.core.trust.tuf.Timestamp;
import dev.hallmark.core.trust.tuf.TufCodec;

/**
 * Trust material from the network: TUF metadata of each role ({@link TufCodec#parse}) and Sigstore trusted roots
 * ({@link TrustedRootCodec#parse}); a value or a {@code FormatException}. Parsed TUF metadata that the codec can write
 * (no fields its records leave out; otherwise {@code write} refuses by design) must write back to metadata that parses.
 */
public final class TufFuzz {
    private static final java.util.List<Class<? extends Role>> ROLES = java.util.List.of(Root.class, Targets.class,
            Snapshot.class, Timestamp.class);

    private TufFuzz() {
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, ROLES.size());
        byte[] input = data.consumeRemainingAsBytes();
        try {
            if (mode == ROLES.size()) {
                TrustedRootCodec.parse(input);
                return;
            }
            Metadata<? extends Role> metadata = TufCodec.parse(input, ROLES.get(mode), 1 << 20);
            byte[] written;
            try {
                written = TufCodec.write(metadata);
            } catch (IllegalArgumentException e) {
                return; // documented: metadata with fields the record does not model is served as received, not rewritten
            }
            TufCodec.parse(written, ROLES.get(mode), 1 << 21);
        } catch (FormatException e) {
            // typed refusal
        }
    }
}
