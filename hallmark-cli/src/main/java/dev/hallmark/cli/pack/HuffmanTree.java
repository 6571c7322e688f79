package dev.hallmark.cli.pack;

import static dev.hallmark.cli.pack.DeflateCodes.HEAP_SIZE;
import static dev.hallmark.cli.pack.DeflateCodes.MAX_BITS;

import java.util.Arrays;

/**
 * One dynamic Huffman tree of a deflate block (literal/length, distance or code-length), built the way zlib's
 * trees.c builds it. The code lengths must come out exactly as zlib's, ties included, for the compressed bytes to
 * match Node's: the heap orders equal frequencies by subtree depth, and over-long codes are shortened by zlib's
 * bl_count redistribution, not by any other length-limiting method.
 */
final class HuffmanTree {
    final int elements;
    private final int maxLength;
    private final int[] extraBits;
    private final int extraBase;
    private final int[] staticLengths;

    final int[] freq;
    final int[] len;
    final int[] code;
    private final int[] dad;
    /** Largest symbol with a non-zero frequency (after forcing two symbols). */
    int maxCode;

    HuffmanTree(int elements, int maxLength, int[] extraBits, int extraBase, int[] staticLengths) {
        this.elements = elements;
        this.maxLength = maxLength;
        this.extraBits = extraBits;
        this.extraBase = extraBase;
        this.staticLengths = staticLengths;
        int nodes = 2 * elements + 1;
        this.freq = new int[nodes];
        this.len = new int[nodes];
        this.code = new int[nodes];
        this.dad = new int[nodes];
    }

    void clearFrequencies() {
        Arrays.fill(freq, 0, elements, 0);
    }

    /**
     * Shared scratch space for building trees, and the running bit counts of the block: {@code optimalBits} is the
     * block's size with dynamic trees, {@code staticBits} with the fixed trees (both without the 3-bit header).
     */
    static final class Builder {
        private final int[] heap = new int[HEAP_SIZE];
        private final int[] depth = new int[HEAP_SIZE];
        private final int[] lengthCount = new int[MAX_BITS + 1];
        private int heapLength;
        private int heapMax;
        long optimalBits;
        long staticBits;

        void startBlock() {
            optimalBits = 0;
            staticBits = 0;
        }

        void build(HuffmanTree tree) {
            int[] freq = tree.freq;
            heapLength = 0;
            heapMax = HEAP_SIZE;
            int maxCode = -1;
            for (int n = 0; n < tree.elements; n++) {
                if (freq[n] != 0) {
                    heap[++heapLength] = n;
                    maxCode = n;
                    depth[n] = 0;
                } else {
                    tree.len[n] = 0;
                }
            }
            // At least two codes (zlib, for pkzip compatibility): symbol 0 or 1 gets a dummy frequency whose cost is
            // taken back out of the totals.
            while (heapLength < 2) {
                int node = maxCode < 2 ? ++maxCode : 0;
                heap[++heapLength] = node;
                freq[node] = 1;
                depth[node] = 0;
                optimalBits--;
                if (tree.staticLengths != null) {
                    staticBits -= tree.staticLengths[node];
                }
            }
            tree.maxCode = maxCode;
            for (int n = heapLength / 2; n >= 1; n--) {
                siftDown(tree, n);
            }
            int node = tree.elements;
            do {
                int least = heap[1];
                heap[1] = heap[heapLength--];
                siftDown(tree, 1);
                int next = heap[1];
                heap[--heapMax] = least;
                heap[--heapMax] = next;
                freq[node] = freq[least] + freq[next];
                depth[node] = Math.max(depth[least], depth[next]) + 1;
                tree.dad[least] = node;
                tree.dad[next] = node;
                heap[1] = node++;
                siftDown(tree, 1);
            } while (heapLength >= 2);
            heap[--heapMax] = heap[1];

            assignLengths(tree);
            DeflateCodes.assignCanonicalCodes(tree.len, tree.code, maxCode, lengthCount);
        }

        private boolean smaller(int[] freq, int n, int m) {
            return freq[n] < freq[m] || (freq[n] == freq[m] && depth[n] <= depth[m]);
        }

        private void siftDown(HuffmanTree tree, int k) {
            int[] freq = tree.freq;
            int v = heap[k];
            int j = k << 1;
            while (j <= heapLength) {
                if (j < heapLength && smaller(freq, heap[j + 1], heap[j])) {
                    j++;
                }
                if (smaller(freq, v, heap[j])) {
                    break;
                }
                heap[k] = heap[j];
                k = j;
                j <<= 1;
            }
            heap[k] = v;
        }

        /** Code lengths from the tree depths, capped at the tree's limit with zlib's redistribution (gen_bitlen). */
        private void assignLengths(HuffmanTree tree) {
            int[] freq = tree.freq;
            int[] len = tree.len;
            Arrays.fill(lengthCount, 0);
            len[heap[heapMax]] = 0;
            int overflow = 0;
            int h;
            for (h = heapMax + 1; h < HEAP_SIZE; h++) {
                int n = heap[h];
                int bits = len[tree.dad[n]] + 1;
                if (bits > tree.maxLength) {
                    bits = tree.maxLength;
                    overflow++;
                }
                len[n] = bits;
                if (n > tree.maxCode) {
                    continue;
                }
                lengthCount[bits]++;
                int extra = n >= tree.extraBase ? tree.extraBits[n - tree.extraBase] : 0;
                long f = freq[n];
                optimalBits += f * (bits + extra);
                if (tree.staticLengths != null) {
                    staticBits += f * (tree.staticLengths[n] + extra);
                }
            }
            if (overflow == 0) {
                return;
            }
            do {
                int bits = tree.maxLength - 1;
                while (lengthCount[bits] == 0) {
                    bits--;
                }
                lengthCount[bits]--;
                lengthCount[bits + 1] += 2;
                lengthCount[tree.maxLength]--;
                overflow -= 2;
            } while (overflow > 0);
            for (int bits = tree.maxLength; bits != 0; bits--) {
                int n = lengthCount[bits];
                while (n != 0) {
                    int m = heap[--h];
                    if (m > tree.maxCode) {
                        continue;
                    }
                    if (len[m] != bits) {
                        optimalBits += ((long) bits - len[m]) * freq[m];
                        len[m] = bits;
                    }
                    n--;
                }
            }
        }
    }
}
