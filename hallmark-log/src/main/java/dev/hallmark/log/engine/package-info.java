/**
 * The personality-free log engine (issue 3), after Tessera (sigstore.md §4.5; transparency-dev/tessera
 * {@code append_lifecycle.go}): {@code add} → bounded queue → one sequencer loop (batch, dedup, one durable commit,
 * then acknowledge) → integrator (C2SP tlog-tiles hash tiles and entry bundles, a C2SP tlog-checkpoint signed as a
 * C2SP signed note, published atomically) → readers (checkpoint, entries, self-checked proofs from tiles, tile bytes).
 *
 * <p>Crash argument: an add is acknowledged only after the transaction that gave it its index committed, so an
 * acknowledged entry is durable at that index. A batch is one transaction, so it is whole or absent after a crash.
 * Integration is a pure function of the durable entries and is published (tiles + checkpoint) in one transaction,
 * guarded by compare-and-set on the published size; at start-up the engine integrates whatever was sequenced but not
 * yet published. Every new root is checked for consistency with the previous published root before it is signed.
 */
package dev.hallmark.log.engine;
