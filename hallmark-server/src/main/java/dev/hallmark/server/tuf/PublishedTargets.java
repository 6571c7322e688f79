package dev.hallmark.server.tuf;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.trust.tuf.MetaFile;
import dev.hallmark.core.trust.tuf.Metadata;
import dev.hallmark.core.trust.tuf.RoleType;
import dev.hallmark.core.trust.tuf.Snapshot;
import dev.hallmark.core.trust.tuf.TargetFile;
import dev.hallmark.core.trust.tuf.Targets;
import dev.hallmark.core.trust.tuf.Timestamp;
import dev.hallmark.core.trust.tuf.TufClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The targets the repository publishes now, offered again unchanged: a rotation from the command line re-signs what
 * the new key must sign without deciding target content, which stays the running server's business (only it knows
 * the public URLs it answers under).
 */
record PublishedTargets(TufLayout layout) implements TargetSource {
    @Override
    public Map<String, Bytes> targets() throws IOException {
        try {
            Optional<Metadata<Timestamp>> timestamp = layout.read(RoleType.TIMESTAMP.fileName(), Timestamp.class);
            if (timestamp.isEmpty()) {
                return Map.of();
            }
            Snapshot snapshot = layout.read(timestamp.get().signed().snapshot().version() + ".snapshot.json", Snapshot.class)
                    .orElseThrow(() -> new IOException("timestamp.json names a missing snapshot")).signed();
            MetaFile ref = snapshot.meta().get(RoleType.TARGETS.fileName());
            if (ref == null) {
                throw new IOException("snapshot v" + snapshot.version() + " names no targets.json");
            }
            Targets targets = layout.read(ref.version() + ".targets.json", Targets.class)
                    .orElseThrow(() -> new IOException("the snapshot names a missing targets v" + ref.version())).signed();
            Map<String, Bytes> contents = new HashMap<>();
            for (Map.Entry<String, TargetFile> target : targets.targets().entrySet()) {
                String path = "targets/" + TufClient.targetPath(target.getKey(), target.getValue(), true);
                contents.put(target.getKey(), Bytes.of(layout.bytes(path)
                        .orElseThrow(() -> new IOException("published target file " + path + " is missing"))));
            }
            return contents;
        } catch (RepositoryException e) {
            throw new IOException(e.getMessage());
        }
    }
}
