package dev.hallmark.registry.ui;

import java.util.Optional;

/**
 * A page being written. Text and attribute values are always escaped ({@link Html#escape}); names are checked code
 * constants; the only unescaped input is {@link RenderedHtml}, which only the readme renderer makes. So a page built
 * through this class cannot carry markup from package data.
 */
final class Markup {
    private final StringBuilder out = new StringBuilder(8192);

    /** {@code <tag a="v" …>}; attributes are name/value pairs, a null value leaves the attribute out. */
    Markup open(String tag, String... attributes) {
        out.append('<').append(Html.requireName(tag));
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(Html.requireName(attributes[i])).append("=\"")
                        .append(Html.escape(attributes[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    Markup close(String tag) {
        out.append("</").append(Html.requireName(tag)).append('>');
        return this;
    }

    Markup text(String text) {
        out.append(Html.escape(text));
        return this;
    }

    /** {@code <tag …>text</tag>}. */
    Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A link when {@code href} is safe ({@link Html#safeHref}), else the text alone. */
    Markup link(String href, String text, String... attributes) {
        Optional<String> safe = Html.safeHref(href);
        if (safe.isEmpty()) {
            return text(text);
        }
        String[] all = new String[attributes.length + 2];
        all[0] = "href";
        all[1] = safe.get();
        System.arraycopy(attributes, 0, all, 2, attributes.length);
        return element("a", text, all);
    }

    /** A link leaving this site: no referrer, no opener. */
    Markup externalLink(String href, String text, String... attributes) {
        String[] all = new String[attributes.length + 2];
        all[0] = "rel";
        all[1] = "nofollow noopener noreferrer";
        System.arraycopy(attributes, 0, all, 2, attributes.length);
        return link(href, text, all);
    }

    /** {@code <dt>term</dt><dd>} — the caller writes the value and closes {@code dd}. */
    Markup term(String term) {
        return element("dt", term).open("dd");
    }

    Markup rendered(RenderedHtml html) {
        out.append(html.html());
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
