package dev.hallmark.core.merkle;

import dev.hallmark.core.crypto.Bytes;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Merkle tree held in memory, storing every complete subtree hash at every level (about 64 bytes per leaf), so
 * that roots and proofs for any past size cost O(log n). For tests and small logs; a tiled log keeps the same hashes
 * in tiles instead. Thread-safe: appends are exclusive, reads shared.
 */
public final class InMemoryMerkleTree implements SubtreeHashes {
    /** Level 0 must fit one Java array: 2^26 leaves (2 GiB of leaf hashes) at most. */
    public static final long MAX_SIZE = 1L << 26;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private byte[][] levels = new byte[1][MerkleHash.SIZE * 16];
    private long[] counts = new long[1];

    /** Appends a leaf by its hash (SHA-256(0x00 ‖ data)) and returns its index. */
    public long append(Bytes leafHash) {
        if (leafHash.length() != MerkleHash.SIZE) {
            throw new IllegalArgumentException("leaf hash must be " + MerkleHash.SIZE + " bytes");
        }
        lock.writeLock().lock();
        try {
            long index = counts[0];
            if (index >= MAX_SIZE) {
                throw new IllegalStateException("in-memory tree is full");
            }
            put(0, leafHash.toArray(), 0);
            // Each time a level gains an even number of nodes, the last two form a new complete parent.
            for (int level = 0; counts[level] % 2 == 0; level++) {
                byte[] row = levels[level];
                int offset = (int) ((counts[level] - 2) * MerkleHash.SIZE);
                put(level + 1, MerkleHash.nodeHash(row, offset).toArray(), 0);
            }
            return index;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Appends a leaf by its data, hashing it per RFC 9162 §2.1.1, and returns its index. */
    public long appendLeaf(byte[] data) {
        return append(MerkleHash.leafHash(data));
    }

    private void put(int level, byte[] hash, int from) {
        if (level == levels.length) {
            levels = Arrays.copyOf(levels, level + 1);
            levels[level] = new byte[MerkleHash.SIZE * 16];
            counts = Arrays.copyOf(counts, level + 1);
        }
        int offset = (int) (counts[level] * MerkleHash.SIZE);
        if (offset + MerkleHash.SIZE > levels[level].length) {
            levels[level] = Arrays.copyOf(levels[level], levels[level].length * 2);
        }
        System.arraycopy(hash, from, levels[level], offset, MerkleHash.SIZE);
        counts[level]++;
    }

    public long size() {
        lock.readLock().lock();
        try {
            return counts[0];
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The root at the current size. */
    public Bytes root() {
        lock.readLock().lock();
        try {
            return root(counts[0]);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The root the tree had when it held {@code size} leaves. */
    public Bytes root(long size) {
        checkSize(size);
        return Proofs.root(size, this);
    }

    public InclusionProof inclusionProof(long index, long size) {
        checkSize(size);
        return Proofs.inclusion(index, size, this);
    }

    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        checkSize(toSize);
        return Proofs.consistency(fromSize, toSize, this);
    }

    @Override
    public Bytes hash(int level, long index) {
        lock.readLock().lock();
        try {
            if (level < 0 || level >= levels.length || index < 0 || index >= counts[level]) {
                throw new IllegalArgumentException("no complete subtree at level " + level + " index " + index);
            }
            return Bytes.of(levels[level], (int) (index * MerkleHash.SIZE), MerkleHash.SIZE);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkSize(long size) {
        if (size < 0 || size > size()) {
            throw new IllegalArgumentException("tree size " + size + " not in [0, " + size() + "]");
        }
    }
}
