/**
 * The RFC 6962 certificate transparency personality (issue 3; sigstore.md §2): {@link dev.hallmark.log.ct.CtLogApi}
 * over a log engine instance of its own, answering {@code add-chain}/{@code add-pre-chain} with SCTs once the
 * {@link dev.hallmark.log.ct.MerkleTreeLeaf} is durable, and serving signed tree heads, proofs, entries with their
 * chains ({@code extra_data}, kept in the log database's {@code log_extra_data} table) and the accepted roots.
 */
package dev.hallmark.log.ct;
