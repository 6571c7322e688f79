package dev.hallmark.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import org.junit.jupiter.api.Test;

/** The rendered-packument cache: keyed to the revision, bounded by bytes, served without copies. */
class PackumentCacheTest {
    static Bytes doc(int size) {
        return Bytes.of(new byte[size]);
    }

    @Test
    void aHitNeedsTheCurrentRevisionAndTheSameForm() {
        PackumentCache cache = new PackumentCache(10_000);
        Bytes full = doc(100);
        cache.put("pkg", 3, false, full);
        assertThat(cache.get("pkg", 3, false)).containsSame(full);
        assertThat(cache.get("pkg", 4, false)).isEmpty();
        assertThat(cache.get("pkg", 3, true)).isEmpty();
    }

    @Test
    void theDocumentsTogetherStayWithinTheByteBudget() {
        // Before: bounded by 10,000 entries whatever their size, so large packuments could fill any heap.
        PackumentCache cache = new PackumentCache(1_000);
        cache.put("a", 1, false, doc(400));
        cache.put("b", 1, false, doc(400));
        cache.put("c", 1, false, doc(400));
        assertThat(cache.get("a", 1, false)).isEmpty();
        assertThat(cache.get("c", 1, false)).isPresent();
        cache.put("huge", 1, false, doc(1_001));
        assertThat(cache.get("huge", 1, false)).as("larger than the whole budget: not kept").isEmpty();
    }

    @Test
    void theDefaultBudgetIsAtMostAnEighthOfTheHeap() {
        assertThat(PackumentCache.DEFAULT_BUDGET_BYTES).isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 8)
                .isLessThanOrEqualTo(128L * 1024 * 1024);
    }
}
