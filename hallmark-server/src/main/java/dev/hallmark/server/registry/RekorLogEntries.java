package dev.hallmark.server.registry;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.rekor.RekorV1Entries;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.rekor.RekorV1Api;
import dev.hallmark.registry.ui.LogEntries;
import java.util.Objects;
import java.util.Optional;

/**
 * The web pages' view of this instance's log, read in-process through the same Rekor v1 API object that serves
 * {@code GET /log/api/v1/log/entries?logIndex=N}, so the page shows exactly what a client would fetch.
 */
final class RekorLogEntries implements LogEntries {
    private final RekorV1Api api;
    private final Bytes logId;

    RekorLogEntries(RekorV1Api api, Bytes logId) {
        this.api = Objects.requireNonNull(api, "api");
        this.logId = Objects.requireNonNull(logId, "logId");
    }

    @Override
    public Bytes logId() {
        return logId;
    }

    @Override
    public Optional<TlogEntry> entry(long index) throws FormatException {
        LogApiResponse response = api.getEntryByIndex(Long.toString(index));
        return switch (response.status()) {
            case 200 -> Optional.of(RekorV1Entries.parseResponse(response.body().toArray()));
            case 404 -> Optional.empty();
            default -> throw new FormatException("the log answered HTTP " + response.status());
        };
    }
}
