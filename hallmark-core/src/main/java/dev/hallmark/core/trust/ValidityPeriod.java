package dev.hallmark.core.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A closed interval of time during which a key or CA may be trusted (protobuf-specs {@code TimeRange}). A missing
 * end means "still valid"; a missing start is not representable: such trust material is invalid.
 */
public record ValidityPeriod(Instant start, Optional<Instant> end) {
    public ValidityPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isPresent() && end.get().isBefore(start)) {
            throw new IllegalArgumentException("validity ends before it starts");
        }
    }

    public static ValidityPeriod from(Instant start) {
        return new ValidityPeriod(start, Optional.empty());
    }

    /** Whether {@code time} lies in the period, both ends inclusive. */
    public boolean contains(Instant time) {
        return !time.isBefore(start) && end.map(e -> !time.isAfter(e)).orElse(true);
    }
}
