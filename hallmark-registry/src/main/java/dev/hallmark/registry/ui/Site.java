package dev.hallmark.registry.ui;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.trust.TransparencyLog;
import dev.hallmark.registry.ui.ProvenanceSummary.LogEntryRef;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where things are: page paths under the registry's public URL (a proxy may put the registry under a path prefix), and
 * where a transparency log entry can be looked at — this instance's own log on its log entry page, another log that
 * a configured trusted root names through that log's Rekor v1 API, anything else only by index.
 */
final class Site {
    static final String UI = "/-/ui";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final URI registryUrl;
    private final String base;
    private final Bytes ownLogId;
    private final List<TransparencyLog> otherLogs;

    Site(URI registryUrl, Bytes ownLogId, List<TransparencyLog> otherLogs) {
        this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
        String path = registryUrl.getRawPath() == null ? "" : registryUrl.getRawPath();
        this.base = path.replaceAll("/+$", "");
        this.ownLogId = Objects.requireNonNull(ownLogId, "ownLogId");
        this.otherLogs = List.copyOf(otherLogs);
    }

    /** The registry URL as npm users configure it. */
    String registryUrl() {
        return registryUrl.toString().replaceAll("/+$", "") + "/";
    }

    String index() {
        return base + UI + "/";
    }

    String stylesheet() {
        return base + UI + "/hallmark.css";
    }

    /** Package names are URL-safe apart from the scope's {@code @} and {@code /}, which paths allow (RFC 3986 §3.3). */
    String packagePage(String name) {
        return base + UI + "/package/" + name;
    }

    String versionPage(String name, String version) {
        return packagePage(name) + "/v/" + version;
    }

    String logEntryPage(long index) {
        return base + UI + "/log/" + index;
    }

    String searchPage(String query, int from) {
        return index() + "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&from=" + from;
    }

    boolean isOwnLog(Bytes logId) {
        return ownLogId.equals(logId);
    }

    /** Writes "entry N in <log>", linked where the entry can be looked at. */
    void writeLogEntry(Markup out, LogEntryRef ref) {
        String label = "entry " + ref.index();
        if (isOwnLog(ref.logId())) {
            out.link(logEntryPage(ref.index()), label, "class", "log-link").text(" in this registry's log");
            return;
        }
        Optional<TransparencyLog> known = otherLogs.stream().filter(l -> l.hasId(ref.logId())).findFirst();
        if (known.isEmpty()) {
            out.text(label + " in log " + ref.logId().hex().substring(0, Math.min(16, ref.logId().hex().length())));
            return;
        }
        String logBase = known.get().baseUrl().replaceAll("/+$", "");
        // Rekor v1 entries carry an integrated time and are served by index; a v2 (tiles) log has no such endpoint.
        if (ref.integratedTime().isPresent() && logBase.startsWith("https://")) {
            out.externalLink(logBase + "/api/v1/log/entries?logIndex=" + ref.index(), label, "class", "log-link");
        } else {
            out.text(label);
        }
        out.text(" in " + known.get().host());
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** {@code <time datetime="ISO">human</time>}. */
    static void writeTime(Markup out, Instant instant) {
        out.element("time", time(instant), "datetime", instant.toString());
    }
}
