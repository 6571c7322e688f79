package dev.hallmark.server.tuf;

import dev.hallmark.core.crypto.Bytes;
import java.io.IOException;
import java.util.Map;

/**
 * Something that publishes target files through the TUF repository (sigstore.md §7.3): the trust material, and later
 * the registry's {@code <host>/keys.json}. Asked again at every publish; a changed or new file makes new targets,
 * snapshot and timestamp versions.
 */
@FunctionalInterface
public interface TargetSource {
    /** The files this source publishes now, by TUF target name ({@code trusted_root.json}, {@code host/keys.json}). */
    Map<String, Bytes> targets() throws IOException;
}
