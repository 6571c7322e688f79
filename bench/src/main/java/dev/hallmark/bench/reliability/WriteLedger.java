package dev.hallmark.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.core.rekor.RekorV1Entries;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every write the server acknowledged (a 201 log entry, a 201 publish) and the check that it is still there: each log
 * entry at its index with the same body and an inclusion proof that verifies against a checkpoint signed by the log's
 * key; each published version in the packument with a tarball whose bytes match its integrity. What a failed check
 * found goes into {@link #problems}.
 */
final class WriteLedger {
    record LoggedEntry(long index, Bytes body) {
    }

    record PublishedVersion(String name, String version, String integrity) {
    }

    final List<LoggedEntry> entries = Collections.synchronizedList(new ArrayList<>());
    final List<PublishedVersion> versions = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    /** Records a 201 answer to a Rekor v1 create. */
    void logged(byte[] createdResponse) throws FormatException {
        TlogEntry e = RekorV1Entries.parseResponse(createdResponse);
        entries.add(new LoggedEntry(e.logIndex(), e.canonicalizedBody()));
    }

    void published(String name, String version, String integrity) {
        versions.add(new PublishedVersion(name, version, integrity));
    }

    /** Fetches every logged entry by index and checks body, inclusion proof and checkpoint signature. */
    int verifyEntries(URI base) throws IOException {
        PublicKey key;
        try (RawHttp http = new RawHttp(base, 30_000)) {
            RawHttp.Reply r = http.exchange(RawHttp.request("GET", base, "/log/api/v1/log/publicKey", "", null), 64 * 1024);
            key = Keys.publicKeyFromPem(r.text());
        } catch (FormatException e) {
            problems.add("log public key: " + e.getMessage());
            return 0;
        }
        NoteVerifier verifier;
        try {
            verifier = NoteVerifier.forLogKey(base.getHost(), key);
        } catch (FormatException e) {
            problems.add("log key: " + e.getMessage());
            return 0;
        }
        int ok = 0;
        try (RawHttp http = new RawHttp(base, 30_000)) {
            for (LoggedEntry logged : List.copyOf(entries)) {
                RawHttp.Reply r = http.exchange(RawHttp.request("GET", base,
                        "/log/api/v1/log/entries?logIndex=" + logged.index(), "", null), 1024 * 1024);
                if (r.status() != 200) {
                    problems.add("entry " + logged.index() + ": HTTP " + r.status() + " " + r.text());
                    continue;
                }
                try {
                    TlogEntry e = RekorV1Entries.parseResponse(r.body());
                    TlogInclusionProof p = e.inclusionProof().orElseThrow(() -> new FormatException("no inclusion proof"));
                    if (e.logIndex() != logged.index() || !e.canonicalizedBody().equals(logged.body())) {
                        problems.add("entry " + logged.index() + ": another entry is at its index");
                        continue;
                    }
                    InclusionProof.of(p.logIndex(), p.treeSize(), p.hashes())
                            .verify(MerkleHash.leafHash(e.canonicalizedBody()), p.rootHash());
                    SignedNote note = SignedNote.parse(p.checkpoint().orElseThrow(() -> new FormatException("no checkpoint")));
                    Checkpoint cp = note.verifyCheckpoint(List.of(verifier));
                    if (cp.size() != p.treeSize() || !cp.rootHash().equals(p.rootHash())) {
                        problems.add("entry " + logged.index() + ": proof and checkpoint disagree");
                        continue;
                    }
                    ok++;
                } catch (Exception e) {
                    problems.add("entry " + logged.index() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
        return ok;
    }

    /** Checks every published version is in its packument and its tarball matches the integrity npm will check. */
    int verifyVersions(URI base) throws IOException {
        int ok = 0;
        Map<String, JsonNode> packuments = new LinkedHashMap<>();
        try (RawHttp http = new RawHttp(base, 30_000)) {
            for (PublishedVersion v : List.copyOf(versions)) {
                try {
                    JsonNode packument = packuments.get(v.name());
                    if (packument == null) {
                        RawHttp.Reply r = http.exchange(RawHttp.request("GET", base, "/" + v.name(),
                                "Accept: application/json\r\n", null), 64 * 1024 * 1024);
                        packument = Json.parse(r.body(), 64 * 1024 * 1024);
                        packuments.put(v.name(), packument);
                    }
                    JsonNode dist = packument.path("versions").path(v.version()).path("dist");
                    if (!v.integrity().equals(dist.path("integrity").asText())) {
                        problems.add(v.name() + "@" + v.version() + ": not in the packument with its integrity");
                        continue;
                    }
                    URI tarball = URI.create(dist.path("tarball").asText());
                    RawHttp.Reply t = http.exchange(RawHttp.request("GET", base, tarball.getRawPath(), "", null),
                            64 * 1024 * 1024);
                    if (t.status() != 200 || !NpmPackages.integrity(t.body()).equals(v.integrity())) {
                        problems.add(v.name() + "@" + v.version() + ": tarball HTTP " + t.status() + " or bytes differ");
                        continue;
                    }
                    ok++;
                } catch (FormatException e) {
                    problems.add(v.name() + "@" + v.version() + ": packument is not JSON: " + e.getMessage());
                }
            }
        }
        return ok;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
