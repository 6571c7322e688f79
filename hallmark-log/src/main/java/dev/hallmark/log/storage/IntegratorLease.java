package dev.hallmark.log.storage;

/**
 * The right to integrate (extend the tree and publish checkpoints), held by at most one engine per log. Leadership is
 * an optimisation for liveness; safety comes from {@link LogStorage#publish}'s compare-and-set, so a node that loses
 * the lease without noticing can waste work but never publish a forked tree.
 */
public interface IntegratorLease extends AutoCloseable {
    /** Acquires the lease if free, or confirms it is still held; false if another node holds it. */
    boolean tryAcquire();

    /** Gives the lease up (on close). */
    @Override
    void close();
}
