package dev.hallmark.bench.fuzz;

import dev.hallmark.core.FormatException;
import dev.hallmark.registry.pkg.TarballInspector;
import dev.hallmark.registry.pkg.TarballLimits;

/**
 * Published tarballs ({@link TarballInspector#inspect} with the registry's default limits): gzip, tar headers, paths,
 * sizes, {@code package/package.json}; its contents or a {@code FormatException}, within the limits whatever the
 * compression ratio.
 */
public final class TarballFuzz {
    private static final TarballLimits LIMITS = TarballLimits.defaults();

    private TarballFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        try {
            TarballInspector.inspect(input, LIMITS);
        } catch (FormatException e) {
            // typed refusal
        }
    }
}
