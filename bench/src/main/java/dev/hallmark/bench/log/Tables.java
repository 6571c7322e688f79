package dev.hallmark.bench.log;

import java.util.List;
import java.util.Map;

/** The harness's console tables (the JSON has every field; these are the ones the README quotes). */
final class Tables {
    private Tables() {
    }

    static void appends(List<Map<String, Object>> rows) {
        System.out.println();
        System.out.println("Durable appends (LogEngine.add until acknowledged)");
        System.out.printf("%-9s %6s %9s %8s %8s %8s %8s %9s %9s %7s %10s %10s%n", "store", "subm.", "acks/s", "p50 ms",
                "p99 ms", "p999 ms", "max ms", "batch", "commit ms", "busy %", "max commit", "publish ms");
        for (Map<String, Object> r : rows) {
            System.out.printf("%-9s %6s %9s %8s %8s %8s %8s %9s %9s %7s %10s %10s%n", r.get("store"),
                    r.get("submitters"), r.get("acksPerSecond"), r.get("p50Millis"), r.get("p99Millis"),
                    r.get("p999Millis"), r.get("maxMillis"), r.get("meanBatch"), r.get("meanCommitMillis"),
                    r.get("sequencerBusyPercent"), r.get("maxCommitMillis"), r.get("meanPublishMillis"));
        }
        System.out.println();
    }

    static void proofs(List<Map<String, Object>> rows) {
        System.out.println();
        System.out.println("Inclusion proofs served");
        System.out.printf("%-58s %-9s %9s %5s %9s %9s %9s%n", "path", "store", "size", "conc.", "per s", "p50",
                "p99");
        for (Map<String, Object> r : rows) {
            Object conc = r.containsKey("threads") ? r.get("threads") : r.getOrDefault("clients", "");
            Object p50 = r.containsKey("p50Micros") ? r.get("p50Micros") + "us"
                    : r.containsKey("p50Millis") ? r.get("p50Millis") + "ms" : "";
            Object p99 = r.containsKey("p99Micros") ? r.get("p99Micros") + "us"
                    : r.containsKey("p99Millis") ? r.get("p99Millis") + "ms" : "";
            System.out.printf("%-58s %-9s %9s %5s %9s %9s %9s%n", r.get("path"), r.get("store"), r.get("treeSize"),
                    conc, r.get("perSecond"), p50, p99);
        }
        System.out.println();
    }

    @SuppressWarnings("unchecked")
    static void memory(Map<String, Object> m) {
        System.out.println();
        System.out.printf("Heap after GC under sustained appends (%s submitters, sqlite, %s acks/s, log grew to %s)%n",
                m.get("submitters"), m.get("acksPerSecond"), m.get("logSize"));
        for (Map<String, Object> s : (List<Map<String, Object>>) m.get("series")) {
            System.out.printf("  t=%6ss  acks=%9s  used=%7.1f MiB%n", s.get("t"), s.get("acks"),
                    ((Number) s.get("usedBytes")).longValue() / 1048576.0);
        }
        System.out.printf("  first %.1f MiB, last %.1f MiB%n", ((Number) m.get("firstUsedBytes")).longValue() / 1048576.0,
                ((Number) m.get("lastUsedBytes")).longValue() / 1048576.0);
        System.out.println();
    }
}
