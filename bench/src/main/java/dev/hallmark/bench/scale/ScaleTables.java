package dev.hallmark.bench.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure × size tables with the growth factor (value at the largest size / value at the smallest): how a cost grows
 * with the data, not one point. Printed, and returned for the result file.
 */
final class ScaleTables {
    private ScaleTables() {
    }

    /** One table row: a label and the key of the figure in each result row. */
    record Figure(String label, String key) {
    }

    static final List<Figure> LOG = List.of(
            new Figure("fill, adds/s (4,096 in flight)", "fillPerSecond"),
            new Figure("appends/s (64 submitters, from n)", "appendPerSecond"),
            new Figure("append p50 ms", "appendP50Millis"),
            new Figure("append p99 ms", "appendP99Millis"),
            new Figure("mean batch (entries/commit)", "meanBatch"),
            new Figure("mean commit ms", "meanCommitMillis"),
            new Figure("checkpoint publication ms (mean)", "meanPublishMillis"),
            new Figure("checkpoint publication ms (max)", "maxPublishMillis"),
            new Figure("inclusion proofs/s (1 thread)", "inclusionPerSecond"),
            new Figure("inclusion proof p50 us", "inclusionP50Micros"),
            new Figure("consistency proofs/s (1 thread)", "consistencyPerSecond"),
            new Figure("consistency proof p50 us", "consistencyP50Micros"),
            new Figure("HTTP GET tile/0/N per s", "httpTilePerSecond"),
            new Figure("HTTP GET tile p50 ms", "httpTileP50Millis"),
            new Figure("HTTP GET entries?logIndex per s", "httpEntryPerSecond"),
            new Figure("HTTP GET entries p50 ms", "httpEntryP50Millis"),
            new Figure("database bytes", "dbBytes"),
            new Figure("database bytes per entry", "bytesPerEntry"),
            new Figure("load average", "loadAverage"));

    static final List<Figure> REGISTRY = List.of(
            new Figure("versions", "versions"),
            new Figure("bulk fill s", "fillSeconds"),
            new Figure("packument full, one package, req/s", "hotFullPerSecond"),
            new Figure("packument abbrev., one package, req/s", "hotAbbreviatedPerSecond"),
            new Figure("packument full, random, req/s", "randomFullPerSecond"),
            new Figure("packument full, random, p50 ms", "randomFullP50Millis"),
            new Figure("packument abbrev., random, req/s", "randomAbbreviatedPerSecond"),
            new Figure("packument full, cold (first GET), req/s", "coldFullPerSecond"),
            new Figure("packument full, cold, p50 ms", "coldFullP50Millis"),
            new Figure("packument abbrev., cold, req/s", "coldAbbreviatedPerSecond"),
            new Figure("cold GETs measured", "coldFullRequests"),
            new Figure("tarball, random, req/s", "tarballPerSecond"),
            new Figure("search matching all (20 shown), req/s", "searchAllPerSecond"),
            new Figure("search matching one, 1 client, req/s", "searchOnePerSecond"),
            new Figure("search matching one, 1 client, p50 ms", "searchOneP50Millis"),
            new Figure("publish (PUT) p50 ms", "publishP50Millis"),
            new Figure("publish (PUT) p90 ms", "publishP90Millis"),
            new Figure("database bytes", "dbBytes"),
            new Figure("database bytes per version", "dbBytesPerVersion"),
            new Figure("tarball bytes (distinct per version)", "tarballBytesIfDistinct"),
            new Figure("load average", "loadAverage"));

    static final List<Figure> VERSIONS = List.of(
            new Figure("packument full bytes", "hotFullBytes"),
            new Figure("packument abbrev. bytes", "hotAbbreviatedBytes"),
            new Figure("full, cached, req/s", "hotFullPerSecond"),
            new Figure("abbrev., cached, req/s", "hotAbbreviatedPerSecond"),
            new Figure("full, first GET, p50 ms", "coldFullP50Millis"),
            new Figure("abbrev., first GET, p50 ms", "coldAbbreviatedP50Millis"),
            new Figure("load average", "loadAverage"));

    /** Prints the table and returns figure → {size → value, growth}. */
    static Map<String, Object> print(String title, String sizeKey, List<Map<String, Object>> rows,
            List<Figure> figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        System.out.println();
        System.out.println(title);
        StringBuilder header = new StringBuilder(String.format("%-42s", "figure \\ " + sizeKey));
        for (Map<String, Object> r : rows) {
            header.append(String.format(" %13s", format(r.get(sizeKey))));
        }
        header.append(String.format(" %9s", "growth"));
        System.out.println(header);
        for (Figure f : figures) {
            List<Object> values = new ArrayList<>();
            rows.forEach(r -> values.add(r.get(f.key())));
            if (values.stream().allMatch(v -> v == null)) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("%-42s", f.label()));
            Map<String, Object> series = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                line.append(String.format(" %13s", values.get(i) == null ? "-" : format(values.get(i))));
                series.put(String.valueOf(rows.get(i).get(sizeKey)), values.get(i));
            }
            Double growth = growth(values.getFirst(), values.getLast());
            line.append(String.format(" %9s", growth == null ? "-" : String.format("%.2fx", growth)));
            series.put("growth", growth == null ? null : Math.round(growth * 1000) / 1000.0);
            System.out.println(line);
            out.put(f.key(), series);
        }
        System.out.println();
        return out;
    }

    private static Double growth(Object first, Object last) {
        if (first instanceof Number a && last instanceof Number b && a.doubleValue() != 0) {
            return b.doubleValue() / a.doubleValue();
        }
        return null;
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return d >= 1000 ? String.format("%,.0f", d) : String.valueOf(d);
        }
        if (v instanceof Number n) {
            return String.format("%,d", n.longValue());
        }
        return String.valueOf(v);
    }
}
