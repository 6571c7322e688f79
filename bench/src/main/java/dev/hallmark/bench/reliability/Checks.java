package dev.hallmark.bench.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assertions of a reliability part: each with what was observed, printed as it is made and kept for the JSON;
 * plus recorded figures that are not asserted.
 */
final class Checks {
    private final String part;
    private final List<Map<String, Object>> results = new ArrayList<>();

    Checks(String part) {
        this.part = part;
    }

    void check(String what, boolean passed, Object observed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", what);
        m.put("passed", passed);
        m.put("observed", String.valueOf(observed));
        results.add(m);
        System.out.printf("  [%s] %s %s: %s%n", passed ? "PASS" : "FAIL", part, what, observed);
    }

    /** A figure that is recorded and printed but not asserted ({@code passed} is null in the JSON). */
    void record(String what, Object observed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", what);
        m.put("passed", null);
        m.put("observed", String.valueOf(observed));
        results.add(m);
        System.out.printf("  [INFO] %s %s: %s%n", part, what, observed);
    }

    boolean allPassed() {
        return results.stream().allMatch(m -> m.get("passed") == null || (Boolean) m.get("passed"));
    }

    List<Map<String, Object>> results() {
        return List.copyOf(results);
    }
}
