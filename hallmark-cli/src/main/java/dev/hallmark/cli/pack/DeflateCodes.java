package dev.hallmark.cli.pack;

/**
 * The fixed tables of RFC 1951 §3.2.5 and §3.2.6: length and distance code ranges with their extra bits, the order
 * of the code-length code lengths, and the fixed Huffman codes. zlib's trees.c fills the same tables; they are
 * derived here from the RFC's ranges rather than listed.
 */
final class DeflateCodes {
    static final int LITERALS = 256;
    static final int END_BLOCK = 256;
    static final int LENGTH_CODES = 29;
    static final int L_CODES = LITERALS + 1 + LENGTH_CODES;
    static final int D_CODES = 30;
    static final int BL_CODES = 19;
    static final int MAX_BITS = 15;
    static final int MAX_BL_BITS = 7;
    static final int HEAP_SIZE = 2 * L_CODES + 1;

    static final int REP_3_6 = 16;
    static final int REPZ_3_10 = 17;
    static final int REPZ_11_138 = 18;

    static final int[] EXTRA_LENGTH_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    static final int[] EXTRA_DISTANCE_BITS = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    static final int[] EXTRA_BL_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7};
    static final int[] BL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** Length code (0..28) for a match length minus 3 (0..255). */
    static final int[] LENGTH_CODE = new int[256];
    /** First match length minus 3 of each length code. */
    static final int[] BASE_LENGTH = new int[LENGTH_CODES];
    /** Distance code for distance-1 below 256, then for (distance-1) >> 7 at index 256 + that. */
    static final int[] DIST_CODE = new int[512];
    /** First distance minus 1 of each distance code. */
    static final int[] BASE_DIST = new int[D_CODES];

    static final int[] STATIC_LITERAL_LENGTHS = new int[L_CODES + 2];
    static final int[] STATIC_LITERAL_CODES = new int[L_CODES + 2];
    static final int[] STATIC_DISTANCE_LENGTHS = new int[D_CODES];
    static final int[] STATIC_DISTANCE_CODES = new int[D_CODES];

    static {
        int length = 0;
        for (int code = 0; code < LENGTH_CODES - 1; code++) {
            BASE_LENGTH[code] = length;
            for (int n = 0; n < 1 << EXTRA_LENGTH_BITS[code]; n++) {
                LENGTH_CODE[length++] = code;
            }
        }
        // Length 258 (255 here) is also reachable as code 284 + 31; RFC 1951 gives it code 285 with no extra bits.
        LENGTH_CODE[255] = LENGTH_CODES - 1;
        BASE_LENGTH[LENGTH_CODES - 1] = 255;

        int dist = 0;
        int code = 0;
        for (; code < 16; code++) {
            BASE_DIST[code] = dist;
            for (int n = 0; n < 1 << EXTRA_DISTANCE_BITS[code]; n++) {
                DIST_CODE[dist++] = code;
            }
        }
        dist >>= 7;
        for (; code < D_CODES; code++) {
            BASE_DIST[code] = dist << 7;
            for (int n = 0; n < 1 << (EXTRA_DISTANCE_BITS[code] - 7); n++) {
                DIST_CODE[256 + dist++] = code;
            }
        }

        int[] count = new int[MAX_BITS + 1];
        for (int n = 0; n < L_CODES + 2; n++) {
            int bits = n <= 143 ? 8 : n <= 255 ? 9 : n <= 279 ? 7 : 8;
            STATIC_LITERAL_LENGTHS[n] = bits;
            count[bits]++;
        }
        // Codes 286 and 287 never occur but take part in the canonical code (RFC 1951 §3.2.6).
        assignCanonicalCodes(STATIC_LITERAL_LENGTHS, STATIC_LITERAL_CODES, L_CODES + 1, count);
        for (int n = 0; n < D_CODES; n++) {
            STATIC_DISTANCE_LENGTHS[n] = 5;
            STATIC_DISTANCE_CODES[n] = reverse(n, 5);
        }
    }

    private DeflateCodes() {
    }

    static int distanceCode(int distanceMinusOne) {
        return distanceMinusOne < 256 ? DIST_CODE[distanceMinusOne] : DIST_CODE[256 + (distanceMinusOne >>> 7)];
    }

    /**
     * Canonical Huffman codes from code lengths (RFC 1951 §3.2.2), bit-reversed because deflate sends Huffman codes
     * most significant bit first while {@link BitSink} packs from the least significant bit.
     */
    static void assignCanonicalCodes(int[] lengths, int[] codes, int maxCode, int[] lengthCount) {
        int[] next = new int[MAX_BITS + 1];
        int code = 0;
        for (int bits = 1; bits <= MAX_BITS; bits++) {
            code = (code + lengthCount[bits - 1]) << 1;
            next[bits] = code;
        }
        for (int n = 0; n <= maxCode; n++) {
            int len = lengths[n];
            if (len != 0) {
                codes[n] = reverse(next[len]++, len);
            }
        }
    }

    static int reverse(int value, int length) {
        return Integer.reverse(value) >>> (32 - length);
    }
}
