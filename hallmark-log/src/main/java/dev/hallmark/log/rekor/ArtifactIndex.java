package dev.hallmark.log.rekor;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.rekor.DsseV001;
import dev.hallmark.core.rekor.DsseV002;
import dev.hallmark.core.rekor.EntryBody;
import dev.hallmark.core.rekor.HashedRekordV001;
import dev.hallmark.core.rekor.HashedRekordV002;
import dev.hallmark.core.rekor.IntotoV002;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.LoggedEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The search index behind {@code POST /api/v1/index/retrieve}: artifact digest ({@code "sha256:<hex>"}) to the UUIDs
 * of the entries that record it. Rekor keeps this in Redis; the engine has no such index, so this one lives in memory
 * and is built from the log itself: before each search it reads the entries the published tree gained since the last
 * search (each entry is read once in the index's lifetime; the first search after start reads the whole log).
 * Reading from the log rather than hooking writes keeps it right when several nodes share one log.
 *
 * <p>Only digests the stored body holds are indexed, so the index can always be rebuilt from the log: hashedrekord's
 * artifact digest, dsse's payload and envelope hashes, intoto's payload and envelope hashes. Rekor also indexes the
 * in-toto subjects of a DSSE payload and the signer's key and e-mail; those are not in the body.
 */
final class ArtifactIndex {
    private final LogReader reader;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, List<String>> uuidsByDigest = new HashMap<>();
    private long indexedSize;

    ArtifactIndex(LogReader reader) {
        this.reader = reader;
    }

    /** UUIDs of published entries recording {@code digest}, in log order. */
    List<String> find(Digest digest) throws LogStorageException {
        lock.lock();
        try {
            catchUp();
            return List.copyOf(uuidsByDigest.getOrDefault(digest.toString(), List.of()));
        } finally {
            lock.unlock();
        }
    }

    private void catchUp() throws LogStorageException {
        long size = reader.latestCheckpoint().size();
        while (indexedSize < size) {
            Optional<LoggedEntry> entry = reader.entry(indexedSize);
            if (entry.isEmpty()) {
                throw new LogStorageException("entry " + indexedSize + " of the published tree is missing");
            }
            String uuid = MerkleHash.leafHash(entry.get().data()).hex();
            for (Digest digest : digests(entry.get().data())) {
                List<String> uuids = uuidsByDigest.computeIfAbsent(digest.toString(), k -> new ArrayList<>(1));
                if (!uuids.contains(uuid)) {
                    uuids.add(uuid);
                }
            }
            indexedSize++;
        }
    }

    /** The digests a stored body records; a body this log cannot parse (another kind) records none. */
    static List<Digest> digests(Bytes body) {
        EntryBody parsed;
        try {
            parsed = EntryBody.parse(body);
        } catch (FormatException e) {
            return List.of();
        }
        return switch (parsed) {
            case HashedRekordV001 h -> List.of(h.data());
            case HashedRekordV002 h -> List.of(h.data());
            case DsseV001 d -> d.envelopeHash().map(e -> List.of(d.payloadHash(), e)).orElse(List.of(d.payloadHash()));
            case IntotoV002 i -> List.of(i.payloadHash(), i.hash());
            case DsseV002 d -> List.of(d.payloadHash());
        };
    }
}
