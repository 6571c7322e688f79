package dev.hallmark.server.log;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.rekor.RekorSubmitter;
import dev.hallmark.log.rekor.RekorV1Api;
import java.util.Objects;

/**
 * This instance's transparency log as other services in the process use it: the write path the registry logs its
 * publish attestations through, and the Rekor v1 API object the web pages read entries from, with the log's ID.
 *
 * @param logId SHA-256 of the log key's SPKI, as bundles and trusted roots name the log
 */
public record InProcessLog(RekorSubmitter submitter, RekorV1Api rekorV1, Bytes logId) {
    public InProcessLog {
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(rekorV1, "rekorV1");
        Objects.requireNonNull(logId, "logId");
    }
}
