package dev.hallmark.cli.pack;

import static dev.hallmark.cli.pack.DeflateCodes.BL_CODES;
import static dev.hallmark.cli.pack.DeflateCodes.BL_ORDER;
import static dev.hallmark.cli.pack.DeflateCodes.D_CODES;
import static dev.hallmark.cli.pack.DeflateCodes.END_BLOCK;
import static dev.hallmark.cli.pack.DeflateCodes.LITERALS;
import static dev.hallmark.cli.pack.DeflateCodes.L_CODES;
import static dev.hallmark.cli.pack.DeflateCodes.REPZ_11_138;
import static dev.hallmark.cli.pack.DeflateCodes.REPZ_3_10;
import static dev.hallmark.cli.pack.DeflateCodes.REP_3_6;

/**
 * Collects the literals and matches of one deflate block and writes the block as stored, fixed-Huffman or
 * dynamic-Huffman, whichever zlib 1.3.1's {@code _tr_flush_block} picks: stored only if its length plus 4 is no more
 * than the smaller Huffman size in bytes and the block's bytes are still in the window; fixed if its size in bytes is
 * no more than the dynamic one's. The block ends after {@link #SYMBOLS_PER_BLOCK} symbols (memLevel 8: a 16384-entry
 * symbol buffer, flushed one short of full), so the symbol count, not the byte count, decides block boundaries.
 */
final class BlockWriter {
    /** lit_bufsize - 1 for memLevel 8; zlib's LIT_MEM and 3-byte layouts both flush at this many symbols. */
    static final int SYMBOLS_PER_BLOCK = (1 << (8 + 6)) - 1;

    private static final int STORED_BLOCK = 0;
    private static final int STATIC_TREES = 1;
    private static final int DYN_TREES = 2;
    private static final int GUARD_LENGTH = 0xffff;

    private final BitSink out;
    private final int[] distances = new int[SYMBOLS_PER_BLOCK + 1];
    private final int[] literalsOrLengths = new int[SYMBOLS_PER_BLOCK + 1];
    private int symbols;

    private final HuffmanTree literalTree = new HuffmanTree(L_CODES, DeflateCodes.MAX_BITS,
            DeflateCodes.EXTRA_LENGTH_BITS, LITERALS + 1, DeflateCodes.STATIC_LITERAL_LENGTHS);
    private final HuffmanTree distanceTree = new HuffmanTree(D_CODES, DeflateCodes.MAX_BITS,
            DeflateCodes.EXTRA_DISTANCE_BITS, 0, DeflateCodes.STATIC_DISTANCE_LENGTHS);
    private final HuffmanTree bitLengthTree = new HuffmanTree(BL_CODES, DeflateCodes.MAX_BL_BITS,
            DeflateCodes.EXTRA_BL_BITS, 0, null);
    private final HuffmanTree.Builder builder = new HuffmanTree.Builder();

    BlockWriter(BitSink out) {
        this.out = out;
        startBlock();
    }

    /** Records a literal; true when the block is full and must be flushed. */
    boolean literal(int value) {
        distances[symbols] = 0;
        literalsOrLengths[symbols++] = value;
        literalTree.freq[value]++;
        return symbols == SYMBOLS_PER_BLOCK;
    }

    /** Records a match of {@code lengthMinus3 + 3} bytes at {@code distance}; true when the block is full. */
    boolean match(int distance, int lengthMinus3) {
        distances[symbols] = distance;
        literalsOrLengths[symbols++] = lengthMinus3;
        literalTree.freq[DeflateCodes.LENGTH_CODE[lengthMinus3] + LITERALS + 1]++;
        distanceTree.freq[DeflateCodes.distanceCode(distance - 1)]++;
        return symbols == SYMBOLS_PER_BLOCK;
    }

    /**
     * Writes the block. {@code window}/{@code storedStart} locate the block's input bytes for a stored block;
     * {@code storedStart < 0} means they have slid out of the window, which rules a stored block out.
     */
    void flush(byte[] window, int storedStart, int storedLength, boolean last) {
        builder.startBlock();
        builder.build(literalTree);
        builder.build(distanceTree);
        int maxBlIndex = buildBitLengthTree();
        long optimalBytes = (builder.optimalBits + 3 + 7) >>> 3;
        long staticBytes = (builder.staticBits + 3 + 7) >>> 3;
        if (staticBytes <= optimalBytes) {
            optimalBytes = staticBytes;
        }
        int lastBit = last ? 1 : 0;
        if (storedLength + 4L <= optimalBytes && storedStart >= 0) {
            out.send((STORED_BLOCK << 1) + lastBit, 3);
            out.alignToByte();
            out.putShortLsb(storedLength);
            out.putShortLsb(~storedLength);
            out.putBytes(window, storedStart, storedLength);
        } else if (staticBytes == optimalBytes) {
            out.send((STATIC_TREES << 1) + lastBit, 3);
            writeSymbols(DeflateCodes.STATIC_LITERAL_CODES, DeflateCodes.STATIC_LITERAL_LENGTHS,
                    DeflateCodes.STATIC_DISTANCE_CODES, DeflateCodes.STATIC_DISTANCE_LENGTHS);
        } else {
            out.send((DYN_TREES << 1) + lastBit, 3);
            writeTrees(literalTree.maxCode + 1, distanceTree.maxCode + 1, maxBlIndex + 1);
            writeSymbols(literalTree.code, literalTree.len, distanceTree.code, distanceTree.len);
        }
        startBlock();
        if (last) {
            out.alignToByte();
        }
    }

    private void startBlock() {
        literalTree.clearFrequencies();
        distanceTree.clearFrequencies();
        bitLengthTree.clearFrequencies();
        literalTree.freq[END_BLOCK] = 1;
        symbols = 0;
    }

    private int buildBitLengthTree() {
        countRuns(literalTree);
        countRuns(distanceTree);
        builder.build(bitLengthTree);
        int maxBlIndex;
        for (maxBlIndex = BL_CODES - 1; maxBlIndex >= 3; maxBlIndex--) {
            if (bitLengthTree.len[BL_ORDER[maxBlIndex]] != 0) {
                break;
            }
        }
        builder.optimalBits += 3L * (maxBlIndex + 1) + 5 + 5 + 4;
        return maxBlIndex;
    }

    /**
     * Run-length codes for a tree's code lengths (RFC 1951 §3.2.7) with zlib's run limits. The same walk either
     * counts the code-length symbols ({@code send == false}) or writes them.
     */
    private void walkRuns(HuffmanTree tree, boolean send) {
        int[] len = tree.len;
        int maxCode = tree.maxCode;
        int[] blFreq = bitLengthTree.freq;
        int prevLen = -1;
        int nextLen = len[0];
        int count = 0;
        int maxCount = nextLen == 0 ? 138 : 7;
        int minCount = nextLen == 0 ? 3 : 4;
        for (int n = 0; n <= maxCode; n++) {
            int curLen = nextLen;
            nextLen = n + 1 <= maxCode ? len[n + 1] : GUARD_LENGTH;
            if (++count < maxCount && curLen == nextLen) {
                continue;
            } else if (count < minCount) {
                if (send) {
                    do {
                        sendBitLengthCode(curLen);
                    } while (--count != 0);
                } else {
                    blFreq[curLen] += count;
                }
            } else if (curLen != 0) {
                if (curLen != prevLen) {
                    if (send) {
                        sendBitLengthCode(curLen);
                        count--;
                    } else {
                        blFreq[curLen]++;
                    }
                }
                if (send) {
                    sendBitLengthCode(REP_3_6);
                    out.send(count - 3, 2);
                } else {
                    blFreq[REP_3_6]++;
                }
            } else if (count <= 10) {
                if (send) {
                    sendBitLengthCode(REPZ_3_10);
                    out.send(count - 3, 3);
                } else {
                    blFreq[REPZ_3_10]++;
                }
            } else {
                if (send) {
                    sendBitLengthCode(REPZ_11_138);
                    out.send(count - 11, 7);
                } else {
                    blFreq[REPZ_11_138]++;
                }
            }
            count = 0;
            prevLen = curLen;
            if (nextLen == 0) {
                maxCount = 138;
                minCount = 3;
            } else if (curLen == nextLen) {
                maxCount = 6;
                minCount = 3;
            } else {
                maxCount = 7;
                minCount = 4;
            }
        }
    }

    private void countRuns(HuffmanTree tree) {
        walkRuns(tree, false);
    }

    private void sendBitLengthCode(int symbol) {
        out.send(bitLengthTree.code[symbol], bitLengthTree.len[symbol]);
    }

    private void writeTrees(int literalCodes, int distanceCodes, int blCodes) {
        out.send(literalCodes - 257, 5);
        out.send(distanceCodes - 1, 5);
        out.send(blCodes - 4, 4);
        for (int rank = 0; rank < blCodes; rank++) {
            out.send(bitLengthTree.len[BL_ORDER[rank]], 3);
        }
        walkRuns(literalTree, true);
        walkRuns(distanceTree, true);
    }

    private void writeSymbols(int[] lCodes, int[] lLens, int[] dCodes, int[] dLens) {
        for (int i = 0; i < symbols; i++) {
            int dist = distances[i];
            int lc = literalsOrLengths[i];
            if (dist == 0) {
                out.send(lCodes[lc], lLens[lc]);
                continue;
            }
            int code = DeflateCodes.LENGTH_CODE[lc];
            out.send(lCodes[code + LITERALS + 1], lLens[code + LITERALS + 1]);
            int extra = DeflateCodes.EXTRA_LENGTH_BITS[code];
            if (extra != 0) {
                out.send(lc - DeflateCodes.BASE_LENGTH[code], extra);
            }
            dist--;
            code = DeflateCodes.distanceCode(dist);
            out.send(dCodes[code], dLens[code]);
            extra = DeflateCodes.EXTRA_DISTANCE_BITS[code];
            if (extra != 0) {
                out.send(dist - DeflateCodes.BASE_DIST[code], extra);
            }
        }
        out.send(lCodes[END_BLOCK], lLens[END_BLOCK]);
    }
}
