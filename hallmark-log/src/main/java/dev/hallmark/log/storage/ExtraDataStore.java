package dev.hallmark.log.storage;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.LogStorageException;
import java.util.List;
import java.util.Map;

/**
 * Data a personality keeps beside an entry but outside its Merkle leaf, keyed by the entry's leaf hash: RFC 6962 §4.6
 * {@code extra_data}, the certificate chain a CT entry was submitted with, which the log must serve but never hashes.
 * It lives in the log's own database (table {@code log_extra_data}), so it is as durable as the entries.
 *
 * <p>Write it before adding the entry: a row whose entry never got sequenced is harmless (readers only look up leaf
 * hashes of published entries), whereas an acknowledged entry without its row could not be served whole.
 */
public interface ExtraDataStore {
    /** Most leaf hashes one {@link #get} call may ask for. */
    int MAX_BATCH = 1024;

    /** Stores {@code data} for {@code leafHash} durably before returning; the first write for a leaf hash wins. */
    void put(Bytes leafHash, Bytes data) throws LogStorageException;

    /** The stored data of each given leaf hash that has any; leaf hashes without data are absent from the map. */
    Map<Bytes, Bytes> get(List<Bytes> leafHashes) throws LogStorageException;
}
