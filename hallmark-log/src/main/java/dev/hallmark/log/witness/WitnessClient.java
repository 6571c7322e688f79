package dev.hallmark.log.witness;

import java.util.concurrent.CompletableFuture;

/**
 * The log's side of one witness's C2SP tlog-witness {@code add-checkpoint} endpoint. The future completes normally
 * with a {@link WitnessResponse} for every outcome, including I/O failures and timeouts ({@code Failed(UNREACHABLE)}).
 */
@FunctionalInterface
public interface WitnessClient {
    CompletableFuture<WitnessResponse> addCheckpoint(WitnessRequest request);
}
