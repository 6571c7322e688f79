package dev.hallmark.core.intoto;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Corrupted real statements only ever fail with FormatException, in parsing and in predicate reading. */
class StatementProperties {
    private static final List<byte[]> PAYLOADS = load();

    private static List<byte[]> load() {
        try {
            return List.of(StatementTest.payload("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json").toArray(),
                    StatementTest.payload("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json").toArray(),
                    dev.hallmark.core.Vectors.bytes("npm/sigstore-go/statement-provenance-sigstorejs1.3.0.json"));
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 500)
    void corruptedStatementsOnlyFailWithFormatException(@ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll byte value, @ForAll boolean truncate) {
        byte[] original = PAYLOADS.get(which);
        byte[] bytes = truncate ? java.util.Arrays.copyOf(original, position % original.length) : original.clone();
        if (!truncate) {
            bytes[position % bytes.length] = value;
        }
        try {
            Predicate.of(Statement.parse(Bytes.of(bytes)));
        } catch (FormatException expected) {
            // fine
        }
    }
}
