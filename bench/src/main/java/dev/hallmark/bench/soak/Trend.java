package dev.hallmark.bench.soak;

import java.util.List;
import java.util.Map;

/** A least-squares line through samples (minutes, value): its slope per minute, and the range of the values. */
record Trend(double slopePerMinute, double min, double max, double first, double last, int samples) {

    /** The fit over the samples whose time is at least {@code fromMinute}; {@code key} names the value. */
    static Trend of(List<Map<String, Object>> series, String key, double fromMinute) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double first = Double.NaN;
        double last = Double.NaN;
        for (Map<String, Object> s : series) {
            double x = ((Number) s.get("minute")).doubleValue();
            if (x < fromMinute) {
                continue;
            }
            double y = ((Number) s.get(key)).doubleValue();
            if (Double.isNaN(first)) {
                first = y;
            }
            last = y;
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            min = Math.min(min, y);
            max = Math.max(max, y);
        }
        if (n < 2) {
            throw new IllegalArgumentException("fewer than two samples after minute " + fromMinute);
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new Trend(slope, min, max, first, last, (int) n);
    }

    Map<String, Object> toMap(double windowMinutes) {
        return Map.of("slopePerMinute", round(slopePerMinute), "fittedGrowthOverWindow",
                round(slopePerMinute * windowMinutes), "min", round(min), "max", round(max), "first", round(first),
                "last", round(last), "samples", samples);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
