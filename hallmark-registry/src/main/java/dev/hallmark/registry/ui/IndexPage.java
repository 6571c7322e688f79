package dev.hallmark.registry.ui;

import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredVersion;
import java.util.List;
import java.util.Optional;

/** {@code /-/ui/}: the search box and the packages, by name, a page at a time. */
final class IndexPage {
    static final int PAGE_SIZE = 50;

    private IndexPage() {
    }

    static String render(Site site, String query, int from, List<StoredPackage> packages) {
        String title = query.isEmpty() ? "Packages" : "Packages matching “" + query + "”";
        return Layout.page(site, title, query, out -> {
            out.element("h1", title);
            if (packages.isEmpty()) {
                out.element("p", query.isEmpty() && from == 0 ? "No packages have been published yet."
                        : "No packages found.", "class", "muted");
                return;
            }
            out.open("ul", "class", "packages");
            for (StoredPackage pkg : packages) {
                out.open("li");
                out.link(site.packagePage(pkg.name()), pkg.name(), "class", "package-name");
                Optional<StoredVersion> latest = Optional.ofNullable(pkg.distTags().get("latest"))
                        .flatMap(pkg::version).filter(StoredVersion::live);
                if (latest.isPresent()) {
                    out.text(" ").element("span", latest.get().version(), "class", "version");
                    if (latest.get().provenanceType().isPresent()) {
                        out.text(" ").element("span", "Provenance", "class", "badge provenance",
                                "title", "published with verified build provenance");
                    }
                    Manifests.text(Manifests.parse(latest.get()), "description")
                            .ifPresent(d -> out.element("p", d, "class", "description"));
                    out.open("p", "class", "muted").text("published ");
                    Site.writeTime(out, latest.get().publishedAt());
                    out.close("p");
                }
                out.close("li");
            }
            out.close("ul");
            out.open("nav", "class", "pager");
            if (from > 0) {
                out.link(site.searchPage(query, Math.max(0, from - PAGE_SIZE)), "← Previous");
            }
            if (packages.size() == PAGE_SIZE) {
                out.text(" ").link(site.searchPage(query, from + PAGE_SIZE), "Next →");
            }
            out.close("nav");
        });
    }
}
