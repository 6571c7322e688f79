package dev.hallmark.registry.ui;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code /-/ui/log/<index>}: one entry of this instance's transparency log as its Rekor v1 API serves it — kind, time,
 * the body and its hashes, and the inclusion proof, whose audit path the page recomputes (RFC 9162 §2.1.3.2) so a
 * reader sees whether it leads to the stated root. The checkpoint signature is shown, not checked: this is an
 * explorer, and verifying clients check it with the trusted root.
 */
final class LogEntryPage {
    /** Bodies are shown up to this size (a Rekor entry is at most a few hundred KiB). */
    static final int MAX_BODY_CHARS = 64 * 1024;

    private LogEntryPage() {
    }

    static String render(Site site, TlogEntry entry) {
        String title = "Log entry " + entry.logIndex();
        Bytes leafHash = MerkleHash.leafHash(entry.canonicalizedBody());
        return Layout.page(site, title, "", out -> {
            out.element("h1", title);
            out.open("section", "class", "card").open("dl", "class", "facts");
            out.term("Log index").text(Long.toString(entry.logIndex())).close("dd");
            out.term("Log ID").element("code", entry.logId().hex(), "class", "wrap").close("dd");
            out.term("Kind").element("span", entry.kind() + " " + entry.version(), "class", "entry-kind").close("dd");
            if (entry.integratedTime() > 0) {
                out.term("Integrated time");
                Site.writeTime(out, Instant.ofEpochSecond(entry.integratedTime()));
                out.text(" (" + entry.integratedTime() + ")").close("dd");
            }
            out.term("Entry UUID (leaf hash)").element("code", leafHash.hex(), "class", "wrap").close("dd");
            out.term("Body SHA-256").element("code", Digest.sha256(entry.canonicalizedBody().toArray()).hex(),
                    "class", "wrap body-hash").close("dd");
            out.term("Signed entry timestamp").text(entry.signedEntryTimestamp().isPresent() ? "present" : "none")
                    .close("dd");
            out.close("dl").close("section");
            if (entry.inclusionProof().isPresent()) {
                inclusion(out, entry.inclusionProof().get(), leafHash);
            } else {
                out.element("p", "No inclusion proof yet: the entry is not integrated into the tree.", "class", "muted");
            }
            out.open("section", "class", "card").element("h2", "Body").open("pre", "class", "body")
                    .text(body(entry.canonicalizedBody())).close("pre").close("section");
        });
    }

    private static void inclusion(Markup out, TlogInclusionProof proof, Bytes leafHash) {
        out.open("section", "class", "card inclusion").element("h2", "Inclusion proof").open("dl", "class", "facts");
        out.term("Tree size").text(Long.toString(proof.treeSize())).close("dd");
        out.term("Index in tree").text(Long.toString(proof.logIndex())).close("dd");
        out.term("Root hash").element("code", proof.rootHash().hex(), "class", "wrap").close("dd");
        out.term("Audit path").text(proof.hashes().size() + " hashes").close("dd");
        out.term("Check");
        try {
            InclusionProof.of(proof.logIndex(), proof.treeSize(), proof.hashes()).verify(leafHash, proof.rootHash());
            out.element("span", "the audit path leads from this entry to the root hash", "class", "ok inclusion-check");
        } catch (ProofException e) {
            out.element("span", "the audit path does not lead to the root hash: " + e.reason(), "class",
                    "bad inclusion-check");
        }
        out.close("dd").close("dl");
        if (!proof.hashes().isEmpty()) {
            out.open("ol", "class", "hashes");
            proof.hashes().forEach(h -> out.open("li").element("code", h.hex()).close("li"));
            out.close("ol");
        }
        proof.checkpoint().ifPresent(c -> out.element("h3", "Checkpoint").element("pre", c, "class", "checkpoint"));
        out.close("section");
    }

    /** The canonicalized body is JSON for every Rekor kind; shown indented, or as text if it is not. */
    private static String body(Bytes body) {
        String text;
        try {
            text = new String(Json.writePretty(Json.parse(body.toArray(), body.length())), StandardCharsets.UTF_8);
        } catch (FormatException e) {
            text = new String(body.toArray(), StandardCharsets.UTF_8);
        }
        return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) + "\n…" : text;
    }
}
