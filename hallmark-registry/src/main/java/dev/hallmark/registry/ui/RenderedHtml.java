package dev.hallmark.registry.ui;

import java.util.Objects;

/** Markup made by {@link Readme} with every raw HTML fragment escaped and every URL sanitised; nothing else makes one. */
record RenderedHtml(String html) {
    RenderedHtml {
        Objects.requireNonNull(html, "html");
    }
}
