package dev.hallmark.cli.pack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The LZ77 stage of Node's zlib at level 9: zlib 1.3.1's lazy matcher ({@code deflate_slow}, {@code longest_match},
 * {@code fill_window}) with Chromium's changes that alter the output, which are all in how strings are hashed:
 * <ul>
 *   <li>the hash of a position is {@code ((v * 66521 + 66521) >>> 16) & 0x7fff} where {@code v} is the four bytes
 *       there read little-endian (Chromium's insert_string), computed afresh at every insert instead of zlib's
 *       rolling three-byte hash;</li>
 *   <li>15 hash bits (memLevel 8 gives 15 anyway);</li>
 *   <li>the window is zeroed when the stream is created, so the bytes the hash and the match compare read past the
 *       end of the input are zeros until the window first slides, and stale window contents after that.</li>
 * </ul>
 * Level 9 parameters: good 32, lazy 258, nice 258, chain 4096; length-3 matches farther than 4096 are dropped.
 * Input arrives through {@link #compress}; like zlib, the matcher only looks at a position once 262 bytes are
 * ahead of it unless the stream is finishing, and it copies input into the window in the same pieces zlib does, so
 * the window, stale bytes included, is zlib's.
 *
 * <p>Why the split of the input cannot change the output: the only stale byte that can decide anything is the
 * fourth byte hashed at the last position with three bytes ahead (a compare that runs past the end only reaches the
 * length cap, which ends the search the same way whatever it read). With the whole input at once that byte was
 * written one window earlier (or is still zero); fed in pieces, the previous slide happened with at least 5 bytes
 * ahead of {@code strstart} (each step consumes at most 257 of the 262 it starts with), so after that same byte had
 * been written.
 */
final class LazyMatcher {
    private static final int W_BITS = 15;
    private static final int W_SIZE = 1 << W_BITS;
    private static final int W_MASK = W_SIZE - 1;
    private static final int WINDOW_SIZE = 2 * W_SIZE;
    private static final int HASH_MASK = (1 << 15) - 1;
    private static final int MIN_MATCH = 3;
    private static final int MAX_MATCH = 258;
    private static final int MIN_LOOKAHEAD = MAX_MATCH + MIN_MATCH + 1;
    private static final int MAX_DIST = W_SIZE - MIN_LOOKAHEAD;
    private static final int NIL = 0;

    private static final int GOOD_MATCH = 32;
    private static final int MAX_LAZY_MATCH = 258;
    private static final int NICE_MATCH = 258;
    private static final int MAX_CHAIN = 4096;
    private static final int TOO_FAR = 4096;

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] NO_INPUT = new byte[0];

    /** Twice the window plus Chromium's 8-byte padding (doubled), all zero at the start. */
    private final byte[] window = new byte[2 * (W_SIZE + 8)];
    /** Chain heads and links as zlib's 16-bit positions: half the memory the chain walk touches of an int[]. */
    private final char[] head = new char[HASH_MASK + 1];
    private final char[] prev = new char[W_SIZE];
    private final BlockWriter blocks;
    private final CRC32 crc = new CRC32();
    private long totalIn;

    private int strstart;
    private int blockStart;
    private int lookahead;
    private int matchLength = MIN_MATCH - 1;
    private int prevLength = MIN_MATCH - 1;
    private int matchStart;
    private int prevMatch;
    private boolean matchAvailable;

    private byte[] input = NO_INPUT;
    private int inputPos;
    private int inputEnd;

    LazyMatcher(BlockWriter blocks) {
        this.blocks = blocks;
    }

    int crc32() {
        return (int) crc.getValue();
    }

    long totalIn() {
        return totalIn;
    }

    /**
     * Consumes {@code length} bytes as one zlib {@code deflate} call: with {@code finish} false ({@code Z_NO_FLUSH})
     * it stops when fewer than 262 bytes are ahead and no input is left; with {@code finish} true ({@code Z_FINISH})
     * it encodes everything and writes the last block.
     */
    void compress(byte[] data, int offset, int length, boolean finish) {
        input = data;
        inputPos = offset;
        inputEnd = offset + length;
        try {
            run(finish);
        } finally {
            input = NO_INPUT; // do not keep the caller's buffer
            inputPos = 0;
            inputEnd = 0;
        }
    }

    private void run(boolean finish) {
        for (;;) {
            if (lookahead < MIN_LOOKAHEAD) {
                fillWindow();
                if (lookahead < MIN_LOOKAHEAD && !finish) {
                    return;
                }
                if (lookahead == 0) {
                    break;
                }
            }
            int hashHead = NIL;
            if (lookahead >= MIN_MATCH) {
                hashHead = insertString(strstart);
            }
            prevLength = matchLength;
            prevMatch = matchStart;
            matchLength = MIN_MATCH - 1;
            if (hashHead != NIL && prevLength < MAX_LAZY_MATCH && strstart - hashHead <= MAX_DIST) {
                matchLength = longestMatch(hashHead);
                if (matchLength == MIN_MATCH && strstart - matchStart > TOO_FAR) {
                    matchLength = MIN_MATCH - 1;
                }
            }
            if (prevLength >= MIN_MATCH && matchLength <= prevLength) {
                int maxInsert = strstart + lookahead - MIN_MATCH;
                boolean full = blocks.match(strstart - 1 - prevMatch, prevLength - MIN_MATCH);
                // strstart - 1 and strstart are already in the hash; near the end the last two are never inserted.
                lookahead -= prevLength - 1;
                prevLength -= 2;
                do {
                    if (++strstart <= maxInsert) {
                        insertString(strstart);
                    }
                } while (--prevLength != 0);
                matchAvailable = false;
                matchLength = MIN_MATCH - 1;
                strstart++;
                if (full) {
                    flushBlock(false);
                }
            } else if (matchAvailable) {
                if (blocks.literal(window[strstart - 1] & 0xff)) {
                    flushBlock(false);
                }
                strstart++;
                lookahead--;
            } else {
                matchAvailable = true;
                strstart++;
                lookahead--;
            }
        }
        if (matchAvailable) {
            blocks.literal(window[strstart - 1] & 0xff);
            matchAvailable = false;
        }
        flushBlock(true);
    }

    private void flushBlock(boolean last) {
        blocks.flush(window, blockStart >= 0 ? blockStart : -1, strstart - blockStart, last);
        blockStart = strstart;
    }

    /** Chromium's insert_string: hash the four bytes at {@code str}, link it into its chain, return the old head. */
    private int insertString(int str) {
        int value = (int) INT_LE.get(window, str);
        int h = ((value * 66521 + 66521) >>> 16) & HASH_MASK;
        int old = head[h];
        prev[str & W_MASK] = (char) old;
        head[h] = (char) str;
        return old;
    }

    /**
     * zlib's longest_match: walks the chain from {@code curMatch} for a match longer than {@code prevLength}. Byte 2
     * is not compared, as in zlib: with bytes 0 and 1 equal, equal hashes imply equal byte 2 (66521 is odd). The
     * compare may read up to 258 bytes ahead whatever the lookahead; only the returned length is capped.
     */
    private int longestMatch(int curMatch) {
        int chainLength = MAX_CHAIN;
        int scan = strstart;
        int bestLen = prevLength;
        int niceMatch = NICE_MATCH;
        int limit = strstart > MAX_DIST ? strstart - MAX_DIST : NIL;
        byte[] w = window;
        // Bytes bestLen-1 and bestLen, then bytes 0 and 1, two at a time (zlib's UNALIGNED_OK form of the same test).
        short scanEnd = (short) SHORT_LE.get(w, scan + bestLen - 1);
        short scanStart = (short) SHORT_LE.get(w, scan);
        if (prevLength >= GOOD_MATCH) {
            chainLength >>= 2;
        }
        if (niceMatch > lookahead) {
            niceMatch = lookahead;
        }
        do {
            int match = curMatch;
            if ((short) SHORT_LE.get(w, match + bestLen - 1) != scanEnd || (short) SHORT_LE.get(w, match) != scanStart) {
                continue;
            }
            int len = commonLength(w, scan, match);
            if (len > bestLen) {
                matchStart = curMatch;
                bestLen = len;
                if (len >= niceMatch) {
                    break;
                }
                scanEnd = (short) SHORT_LE.get(w, scan + bestLen - 1);
            }
        } while ((curMatch = prev[curMatch & W_MASK]) > limit && --chainLength != 0);
        return Math.min(bestLen, lookahead);
    }

    /** Index of the first differing byte in positions 3..257, or 258 if none differs. */
    private static int commonLength(byte[] w, int scan, int match) {
        for (int i = 3; i < MAX_MATCH; i += 8) {
            long diff = (long) LONG_LE.get(w, scan + i) ^ (long) LONG_LE.get(w, match + i);
            if (diff != 0) {
                return Math.min(i + (Long.numberOfTrailingZeros(diff) >>> 3), MAX_MATCH);
            }
        }
        return MAX_MATCH;
    }

    /**
     * zlib's fill_window: slides the upper half of the window down once {@code strstart} nears its end, then reads
     * as much input as fits. Only the live bytes are copied down, so whatever lay beyond them stays, as in zlib.
     * (zlib's pending-insert step for preset dictionaries and flushes never runs here: nothing flushes early.)
     */
    private void fillWindow() {
        do {
            int more = WINDOW_SIZE - lookahead - strstart;
            if (strstart >= W_SIZE + MAX_DIST) {
                System.arraycopy(window, W_SIZE, window, 0, W_SIZE - more);
                matchStart -= W_SIZE;
                strstart -= W_SIZE;
                blockStart -= W_SIZE;
                slideHash();
                more += W_SIZE;
            }
            if (inputPos == inputEnd) {
                break;
            }
            int n = Math.min(more, inputEnd - inputPos);
            System.arraycopy(input, inputPos, window, strstart + lookahead, n);
            crc.update(input, inputPos, n);
            inputPos += n;
            totalIn += n;
            lookahead += n;
        } while (lookahead < MIN_LOOKAHEAD && inputPos != inputEnd);
    }

    private void slideHash() {
        for (int i = 0; i < head.length; i++) {
            int m = head[i];
            head[i] = (char) (m >= W_SIZE ? m - W_SIZE : NIL);
        }
        for (int i = 0; i < prev.length; i++) {
            int m = prev[i];
            prev[i] = (char) (m >= W_SIZE ? m - W_SIZE : NIL);
        }
    }
}
