package dev.hallmark.core.merkle;

import dev.hallmark.core.crypto.Bytes;

/**
 * Read access to the hashes of <em>complete</em> subtrees of a Merkle tree: {@code hash(level, index)} is
 * MTH(D[index·2^level : (index+1)·2^level]), the node a tiled log stores (C2SP tlog-tiles; sigstore.md §4.2). Such a
 * hash never changes once the tree has grown past it, so any store that keeps them can answer for every older tree
 * size, and {@link Proofs} builds roots and proofs from them alone.
 *
 * <p>Implementations throw an unchecked exception when a requested subtree is not (yet) complete or not available.
 */
@FunctionalInterface
public interface SubtreeHashes {
    Bytes hash(int level, long index);
}
