package dev.hallmark.registry.ui;

import java.util.function.Consumer;

/** The frame every page shares: head with the one stylesheet, a header with the search box, a footer. No scripts. */
final class Layout {
    private Layout() {
    }

    static String page(Site site, String title, String query, Consumer<Markup> main) {
        Markup out = new Markup();
        out.open("html", "lang", "en").open("head")
                .open("meta", "charset", "utf-8")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .open("meta", "name", "referrer", "content", "no-referrer")
                .element("title", title + " · Hallmark")
                .open("link", "rel", "stylesheet", "href", site.stylesheet())
                .close("head");
        out.open("body").open("header", "class", "site");
        out.open("div", "class", "bar");
        out.link(site.index(), "Hallmark", "class", "brand");
        out.open("form", "class", "search", "action", site.index(), "method", "get", "role", "search")
                .open("input", "type", "search", "name", "q", "value", query, "placeholder", "Search packages",
                        "aria-label", "Search packages", "maxlength", "256")
                .element("button", "Search", "type", "submit")
                .close("form");
        out.close("div").close("header");
        out.open("main");
        main.accept(out);
        out.close("main");
        out.open("footer", "class", "site").text("Hallmark npm registry · ").element("code", site.registryUrl())
                .close("footer");
        out.close("body").close("html");
        return "<!DOCTYPE html>\n" + out;
    }

    /** A page that only says what went wrong (404, 401, 503), in the same frame. */
    static String message(Site site, String title, String message) {
        return page(site, title, "", out -> out.open("section", "class", "message")
                .element("h1", title).element("p", message).close("section"));
    }
}
