package dev.hallmark.registry.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Escaping for server-rendered pages. Every piece of text that reaches a page goes through {@link #escape}, in element
 * content and in quoted attribute values alike (HTML Living Standard §13.1.2.3 and §13.2.5.36: escaping {@code & < > "
 * '} leaves no way out of either context). Links are a third context, where escaping is not enough: a
 * {@code javascript:} URL is harmless text but a live link, so hrefs built from package data pass {@link #safeHref}.
 */
public final class Html {
    /** Tag and attribute names are code constants; checking them keeps a caller from passing data as a name. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern FRAGMENT = Pattern.compile("#[A-Za-z][A-Za-z0-9_-]*");

    private Html() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // C0 controls other than tab/newline cannot appear in a valid document; drop them
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The URL if it is safe as a link target: absolute {@code https:} or {@code http:} with a host, a path on this
     * site ({@code /...} but not the scheme-relative {@code //host}), or a plain fragment ({@code #provenance}).
     * Anything else (other schemes, malformed URLs) is shown as text instead.
     */
    public static Optional<String> safeHref(String url) {
        if (url == null || url.isEmpty() || url.length() > 4096) {
            return Optional.empty();
        }
        if (FRAGMENT.matcher(url).matches() || url.startsWith("/") && !url.startsWith("//") && !url.contains("\\")) {
            return Optional.of(url);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a tag or attribute name: " + name);
        }
        return name;
    }
}
