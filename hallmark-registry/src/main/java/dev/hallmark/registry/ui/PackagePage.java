package dev.hallmark.registry.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.registry.provenance.RepositoryUrls;
import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredUser;
import dev.hallmark.registry.store.StoredVersion;
import dev.hallmark.registry.ui.ProvenanceSummary.LogEntryRef;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /-/ui/package/<name>} and {@code …/v/<version>}: one version of a package (the latest by default) with its
 * install line, readme and provenance, and the list of live versions with their tags and provenance badges.
 */
final class PackagePage {
    /** Versions listed; a package with more shows the most recent ones. */
    static final int MAX_VERSIONS = 200;

    private PackagePage() {
    }

    /** A version's provenance as the page shows it. */
    sealed interface Provenance {
        record None() implements Provenance {
        }

        record Shown(ProvenanceSummary summary) implements Provenance {
            public Shown {
                Objects.requireNonNull(summary, "summary");
            }
        }

        /** Stored with the version but not readable now (it was verified at publish; the page says so). */
        record Unreadable() implements Provenance {
        }
    }

    record View(StoredPackage pkg, StoredVersion shown, ObjectNode manifest, Optional<RenderedHtml> readme,
                Provenance provenance, Optional<LogEntryRef> publishAttestation) {
        View {
            Objects.requireNonNull(pkg, "pkg");
            Objects.requireNonNull(shown, "shown");
            Objects.requireNonNull(manifest, "manifest");
            Objects.requireNonNull(readme, "readme");
            Objects.requireNonNull(provenance, "provenance");
            Objects.requireNonNull(publishAttestation, "publishAttestation");
        }
    }

    static String render(Site site, View view) {
        StoredPackage pkg = view.pkg();
        StoredVersion v = view.shown();
        boolean latest = v.version().equals(pkg.distTags().get("latest"));
        return Layout.page(site, pkg.name(), "", out -> {
            out.open("div", "class", "package-header");
            out.element("h1", pkg.name());
            out.open("p", "class", "subtitle").element("span", v.version(), "class", "version");
            if (!(view.provenance() instanceof Provenance.None)) {
                out.text(" ").link("#provenance", "Provenance", "class", "badge provenance",
                        "title", "published with verified build provenance");
            }
            if (latest) {
                out.text(" ").element("span", "latest", "class", "tag");
            }
            out.text(" · published ");
            Site.writeTime(out, v.publishedAt());
            out.text(" by " + v.publisher()).close("p");
            Manifests.text(view.manifest(), "description").ifPresent(d -> out.element("p", d, "class", "description"));
            v.deprecated().ifPresent(d -> out.open("p", "class", "deprecated").element("strong", "Deprecated: ")
                    .text(d).close("p"));
            out.close("div");

            out.open("div", "class", "columns").open("div", "class", "main-column");
            ProvenanceCard.write(site, out, view);
            out.open("section", "class", "readme", "id", "readme").element("h2", "Readme");
            if (view.readme().isPresent()) {
                out.open("div", "class", "markdown").rendered(view.readme().get()).close("div");
            } else {
                out.element("p", "This version has no readme.", "class", "muted");
            }
            out.close("section");
            versions(site, out, pkg);
            out.close("div");
            sidebar(site, out, view, latest);
            out.close("div");
        });
    }

    private static void sidebar(Site site, Markup out, View view, boolean latest) {
        StoredPackage pkg = view.pkg();
        StoredVersion v = view.shown();
        out.open("aside", "class", "sidebar");
        out.element("h3", "Install");
        out.open("pre", "class", "install").element("code", "npm install " + pkg.name()
                + (latest ? "" : "@" + v.version())).close("pre");
        out.open("p", "class", "muted small").text("from ").element("code", site.registryUrl()).close("p");
        out.open("dl", "class", "facts");
        Manifests.license(view.manifest()).ifPresent(l -> out.term("License").text(l).close("dd"));
        RepositoryUrls.of(view.manifest()).ifPresent(r -> out.term("Repository").externalLink(r, r).close("dd"));
        Manifests.text(view.manifest(), "homepage").ifPresent(h -> out.term("Homepage").externalLink(h, h).close("dd"));
        out.term("Unpacked size").text(size(v.unpackedSize())).close("dd");
        out.term("Total files").text(Long.toString(v.fileCount())).close("dd");
        out.term("Integrity").element("code", v.integrity(), "class", "wrap").close("dd");
        out.close("dl");
        if (!pkg.maintainers().isEmpty()) {
            out.element("h3", "Maintainers").open("ul", "class", "plain");
            for (StoredUser m : pkg.maintainers()) {
                out.element("li", m.username());
            }
            out.close("ul");
        }
        if (!pkg.distTags().isEmpty()) {
            out.element("h3", "Dist-tags").open("ul", "class", "plain");
            pkg.distTags().forEach((tag, version) -> out.open("li").element("span", tag, "class", "tag")
                    .text(" ").link(site.versionPage(pkg.name(), version), version).close("li"));
            out.close("ul");
        }
        List<String> keywords = Manifests.keywords(view.manifest());
        if (!keywords.isEmpty()) {
            out.element("h3", "Keywords").open("p", "class", "keywords");
            keywords.forEach(k -> out.element("span", k, "class", "keyword").text(" "));
            out.close("p");
        }
        out.close("aside");
    }

    private static void versions(Site site, Markup out, StoredPackage pkg) {
        List<StoredVersion> live = pkg.liveVersions().stream()
                .sorted(Comparator.comparing(StoredVersion::publishedAt).reversed()).toList();
        Map<String, String> tagsByVersion = pkg.distTags().entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.joining(", "))));
        out.open("section", "class", "versions", "id", "versions")
                .element("h2", "Versions (" + live.size() + ")");
        out.open("table").open("thead").open("tr").element("th", "Version").element("th", "Published")
                .element("th", "Tags").element("th", "Provenance").close("tr").close("thead").open("tbody");
        for (StoredVersion v : live.subList(0, Math.min(MAX_VERSIONS, live.size()))) {
            out.open("tr", "class", v.deprecated().isPresent() ? "deprecated" : null).open("td");
            out.link(site.versionPage(pkg.name(), v.version()), v.version());
            v.deprecated().ifPresent(d -> out.open("div", "class", "small deprecated-note").text("deprecated: " + d)
                    .close("div"));
            out.close("td").open("td");
            Site.writeTime(out, v.publishedAt());
            out.close("td").element("td", tagsByVersion.getOrDefault(v.version(), "")).open("td");
            if (v.provenanceType().isPresent()) {
                out.link(site.versionPage(pkg.name(), v.version()) + "#provenance", "Provenance",
                        "class", "badge provenance", "title", v.provenanceType().get());
            }
            out.close("td").close("tr");
        }
        out.close("tbody").close("table");
        if (live.size() > MAX_VERSIONS) {
            out.element("p", "and " + (live.size() - MAX_VERSIONS) + " older versions", "class", "muted");
        }
        out.close("section");
    }

    /** Decimal units, as npm prints {@code unpackedSize}. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
