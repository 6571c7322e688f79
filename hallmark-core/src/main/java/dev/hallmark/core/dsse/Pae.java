package dev.hallmark.core.dsse;

import dev.hallmark.core.crypto.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * DSSE v1 Pre-Authentication Encoding, the bytes a DSSE signature covers (DSSE protocol.md; sigstore.md §6.2):
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, where LEN is the decimal ASCII count of <em>bytes</em>
 * (UTF-8 for the type) and body is the raw decoded payload. Counting characters instead of bytes breaks for non-ASCII
 * types (STYLE rule 4).
 */
public final class Pae {
    private Pae() {
    }

    public static Bytes encode(String payloadType, Bytes payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] middle = (" " + payload.length() + " ").getBytes(StandardCharsets.US_ASCII);
        return Bytes.of(header).concat(Bytes.of(type)).concat(Bytes.of(middle)).concat(payload);
    }
}
