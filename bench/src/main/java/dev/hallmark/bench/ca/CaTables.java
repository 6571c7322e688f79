package dev.hallmark.bench.ca;

import java.util.List;
import java.util.Map;

/** The harness's summary tables, printed after the runs (every figure is also in the JSON). */
final class CaTables {
    private CaTables() {
    }

    static void print(List<Map<String, Object>> rows) {
        System.out.println();
        System.out.println("| path       | CT log        | clients | certs/s | p50 ms | p99 ms | p99.9 ms | errors |");
        System.out.println("|------------|---------------|--------:|--------:|-------:|-------:|---------:|-------:|");
        for (Map<String, Object> r : rows) {
            System.out.printf("| %-10s | %-13s | %7s | %,7d | %6.2f | %6.2f | %8.2f | %6s |%n", r.get("path"), r.get("ct"),
                    r.get("clients"), (long) r.get("certsPerSecond"), (double) r.get("p50Millis"),
                    (double) r.get("p99Millis"), (double) r.get("p999Millis"), r.get("errors"));
        }
        System.out.println();
        System.out.println("Mean ms per certificate, in-process (ct_other = chain check + SCT signing + JSON; ca_rest ="
                + " parse + PoP + precert/final signing + self-check + response):");
        for (Map<String, Object> r : rows) {
            if (r.containsKey("meanMillisPerPhase")) {
                System.out.printf("  CT %-13s %3s clients: %s%n", r.get("ct"), r.get("clients"), r.get("meanMillisPerPhase"));
            }
        }
    }
}
