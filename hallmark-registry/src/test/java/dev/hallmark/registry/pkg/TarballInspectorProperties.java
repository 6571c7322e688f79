package dev.hallmark.registry.pkg;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the bytes, the inspector either returns or throws {@link FormatException}: never an IOException, a
 * RuntimeException from commons-compress or java.util.zip, or an Error.
 */
class TarballInspectorProperties {
    private static final TarballLimits LIMITS = new TarballLimits(1 << 20, 1 << 20, 100, 1 << 16, 1 << 16);
    private static final TestTarballs.Builder SAMPLE = TestTarballs.builder()
            .file("package/package.json", TestTarballs.packageJson("@acme/x", "1.0.0"))
            .file("package/README.md", "# x\n").directory("package/lib").file("package/lib/a.js", "a".repeat(600))
            .symlink("package/lib/b.js", "a.js").file("package/" + "long/".repeat(30) + "c.js", "c");
    private static final byte[] TAR = SAMPLE.tar();
    private static final byte[] TGZ = SAMPLE.tgz();

    record Mutation(int position, int value) {
    }

    @Provide
    Arbitrary<List<Mutation>> tarMutations() {
        // Mostly within the first blocks, where the headers are; the rest of the stream is largely zero padding.
        Arbitrary<Integer> position = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, Math.min(TAR.length, 4096) - 1)),
                Tuple.of(1, Arbitraries.integers().between(0, TAR.length - 1)));
        return Combinators.combine(position, Arbitraries.integers().between(0, 255))
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Mutation>> tgzMutations() {
        return Combinators.combine(Arbitraries.integers().between(2, TGZ.length - 1), Arbitraries.integers().between(0, 255))
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Mutating the tar before gzip reaches the tar parser (a mutated gzip mostly fails its CRC first). */
    @Property(tries = 2000)
    void mutatedTarOnlyFailsWithFormatException(@ForAll("tarMutations") List<Mutation> mutations) {
        byte[] tar = TAR.clone();
        mutations.forEach(m -> tar[m.position()] = (byte) m.value());
        inspectQuietly(TestTarballs.gzip(tar));
    }

    @Property(tries = 500)
    void mutatedGzipOnlyFailsWithFormatException(@ForAll("tgzMutations") List<Mutation> mutations) {
        byte[] tgz = TGZ.clone();
        mutations.forEach(m -> tgz[m.position()] = (byte) m.value());
        inspectQuietly(tgz);
    }

    @Property(tries = 300)
    void everyTruncationIsRefused(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
        int length = cut % TGZ.length;
        assertThatThrownBy(() -> TarballInspector.inspect(Arrays.copyOf(TGZ, length), LIMITS))
                .isInstanceOf(FormatException.class);
    }

    @Property(tries = 300)
    void truncatedTarOnlyFailsWithFormatException(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
        inspectQuietly(TestTarballs.gzip(Arrays.copyOf(TAR, cut % TAR.length)));
    }

    private static void inspectQuietly(byte[] tgz) {
        try {
            TarballInspector.inspect(tgz, LIMITS);
        } catch (FormatException expected) {
            // the only way to fail
        }
    }
}
