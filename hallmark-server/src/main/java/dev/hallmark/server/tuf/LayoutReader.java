package dev.hallmark.server.tuf;

import dev.hallmark.core.trust.tuf.RepositoryReader;
import dev.hallmark.core.trust.tuf.TufException;
import java.util.Map;
import java.util.Optional;

/** Reads the repository from disk as a client would over HTTP, with some files replaced by ones not yet written. */
record LayoutReader(TufLayout layout, Map<String, byte[]> pending) implements RepositoryReader {
    @Override
    public Optional<byte[]> read(String path, long maxBytes) throws TufException {
        byte[] staged = pending.get(path);
        if (staged != null) {
            return Optional.of(staged.clone());
        }
        try {
            return layout.bytes(path);
        } catch (RepositoryException e) {
            throw new TufException(TufException.Reason.FETCH_FAILED, e.getMessage());
        }
    }
}
