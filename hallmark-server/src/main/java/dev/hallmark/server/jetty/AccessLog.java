package dev.hallmark.server.jetty;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one structured line per request (STYLE.md "Configuration and logging"). It names the raw path only: no query
 * string (it may carry tokens), no headers, no body.
 */
public final class AccessLog {
    private static final System.Logger LOG = System.getLogger("dev.hallmark.server.access");

    private AccessLog() {
    }

    public static Consumer<String> systemLogger() {
        return line -> LOG.log(System.Logger.Level.INFO, line);
    }

    static String line(String method, String rawPath, String group, int status, long bytes, long nanos, String remote) {
        return "http method=" + clean(method) + " path=" + clean(rawPath) + " group=" + group + " status=" + status
                + " bytes=" + bytes + " ms=" + String.format(Locale.ROOT, "%.3f", nanos / 1e6) + " remote=" + clean(remote);
    }

    /** Escapes anything but visible ASCII, so a crafted path cannot forge a log line or a key=value pair. */
    static String clean(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != '=') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
