package dev.hallmark.registry.ui;

import dev.hallmark.registry.ui.PackagePage.Provenance;
import dev.hallmark.registry.ui.PackagePage.View;
import java.util.Optional;

/**
 * The provenance panel of a version, npmjs's "Provenance" section: where and from what it was built (source
 * repository, commit, build file, run), who signed (certificate identity and issuer) and where that is logged; plus
 * the registry's own publish attestation and its log entry.
 */
final class ProvenanceCard {
    private ProvenanceCard() {
    }

    static void write(Site site, Markup out, View view) {
        out.open("section", "class", "card provenance-card", "id", "provenance");
        switch (view.provenance()) {
            case Provenance.Shown shown -> details(site, out, view, shown.summary());
            case Provenance.Unreadable unreadable -> out.open("h2").element("span", "Provenance", "class",
                            "badge provenance").close("h2")
                    .element("p", "This version was published with provenance that the registry verified, but it "
                            + "cannot be displayed.", "class", "muted").open("dl", "class", "facts");
            case Provenance.None none -> out.element("h2", "No provenance")
                    .element("p", "This version was published without build provenance.", "class", "muted")
                    .open("dl", "class", "facts");
        }
        if (view.publishAttestation().isPresent()) {
            out.term("Publish attestation");
            site.writeLogEntry(out, view.publishAttestation().get());
            out.close("dd");
        }
        out.close("dl").close("section");
    }

    /** Writes the heading and the facts, leaving the {@code dl} open for the publish attestation. */
    private static void details(Site site, Markup out, View view, ProvenanceSummary p) {
        out.open("h2").element("span", "Provenance", "class", "badge provenance").text(" Built and signed on "
                + p.platform()).close("h2");
        out.element("p", "Verified by this registry when " + view.pkg().name() + "@" + view.shown().version()
                + " was published: the Sigstore bundle, its subject (this tarball) and the source repository.",
                "class", "muted small");
        out.open("dl", "class", "facts");
        Optional<String> repository = p.sourceRepository();
        repository.ifPresent(r -> out.term("Source repository").externalLink(r, r, "class", "source-repository")
                .close("dd"));
        p.sourceCommit().ifPresent(sha -> {
            out.term("Commit");
            Optional<String> url = repository.flatMap(r -> SourceLinks.commitUrl(r, sha));
            if (url.isPresent()) {
                out.externalLink(url.get(), SourceLinks.shortSha(sha), "class", "commit", "title", sha);
            } else {
                out.element("code", sha, "class", "commit wrap");
            }
            p.sourceRef().ifPresent(ref -> out.text(" ").element("span", ref, "class", "muted"));
            out.close("dd");
        });
        p.buildConfigUri().ifPresent(uri -> {
            out.term("Build file");
            Optional<String> path = repository.flatMap(r -> SourceLinks.buildFilePath(r, uri));
            Optional<String> url = path.flatMap(f -> repository.flatMap(r -> p.sourceCommit()
                    .flatMap(sha -> SourceLinks.buildFileUrl(r, sha, f))));
            if (url.isPresent()) {
                out.externalLink(url.get(), path.get(), "class", "build-file", "title", uri);
            } else {
                out.element("code", path.orElse(uri), "class", "build-file wrap", "title", uri);
            }
            out.close("dd");
        });
        p.runInvocationUri().ifPresent(run -> out.term("Run invocation")
                .externalLink(run, run, "class", "run-invocation").close("dd"));
        out.term("Signer").element("code", p.signer(), "class", "wrap").close("dd");
        p.issuer().ifPresent(i -> out.term("Issuer").element("code", i, "class", "wrap").close("dd"));
        p.runnerEnvironment().ifPresent(r -> out.term("Runner").text(r).close("dd"));
        if (p.logEntry().isPresent()) {
            out.term("Transparency log");
            site.writeLogEntry(out, p.logEntry().get());
            p.logEntry().get().integratedTime().ifPresent(t -> {
                out.text(", integrated ");
                Site.writeTime(out, t);
            });
            out.close("dd");
        }
    }
}
