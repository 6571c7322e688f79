package dev.hallmark.log.ct;

import dev.hallmark.core.x509.Certificates;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the CT personality. The server enforces its own body limit first; these hold for any caller.
 *
 * @param maxRequestBytes largest {@code add-(pre-)chain} body (413 above it); a Fulcio chain of three certificates is
 *     about 5 KiB of base64
 * @param maxChainLength most certificates in a submitted chain (400 above it)
 * @param maxGetEntries most entries one {@code get-entries} answers; longer ranges are cut short, as RFC 6962 §4.6
 *     lets a log do
 * @param commitTimeout how long an add waits for its entry to be durable before answering 503
 */
public record CtLimits(int maxRequestBytes, int maxChainLength, int maxGetEntries, Duration commitTimeout) {
    public CtLimits {
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes below 1 KiB");
        }
        if (maxChainLength < 2 || maxChainLength > Certificates.MAX_CHAIN_LENGTH) {
            throw new IllegalArgumentException("maxChainLength must be 2 to " + Certificates.MAX_CHAIN_LENGTH);
        }
        if (maxGetEntries < 1 || maxGetEntries > 1024) {
            throw new IllegalArgumentException("maxGetEntries must be 1 to 1024");
        }
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        if (commitTimeout.isNegative() || commitTimeout.isZero()) {
            throw new IllegalArgumentException("commitTimeout must be positive");
        }
    }

    public static CtLimits defaults() {
        return new CtLimits(1024 * 1024, Certificates.MAX_CHAIN_LENGTH, 256, Duration.ofSeconds(20));
    }
}
