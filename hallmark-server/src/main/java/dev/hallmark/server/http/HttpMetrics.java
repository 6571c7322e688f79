package dev.hallmark.server.http;

import dev.hallmark.core.crypto.Bytes;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Request count and latency by route group and status, in a registry of this server's own (not the JVM-wide
 * default, so two servers in one test JVM do not mix). Services may register their own metrics in {@link #registry()}.
 */
public final class HttpMetrics {
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder()
            .name("hallmark_http_requests_total")
            .help("HTTP requests answered, by route group and status")
            .labelNames("group", "status")
            .register(registry);
    private final Histogram latency = Histogram.builder()
            .name("hallmark_http_request_duration_seconds")
            .help("Time from request start to response written, by route group and status")
            .labelNames("group", "status")
            .classicOnly()
            .register(registry);

    public PrometheusRegistry registry() {
        return registry;
    }

    public void record(String group, int status, long nanos) {
        String code = Integer.toString(status);
        requests.labelValues(group, code).inc();
        latency.labelValues(group, code).observe(nanos / 1e9);
    }

    /** The Prometheus text exposition format (version 0.0.4), which every scraper accepts. */
    public Response scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WRITER.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.of(200, WRITER.getContentType(), Bytes.of(out.toByteArray()));
    }
}
