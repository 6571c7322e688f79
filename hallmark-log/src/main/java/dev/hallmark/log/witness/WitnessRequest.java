package dev.hallmark.log.witness;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.note.SignedNote;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request (sigstore.md §4.4): {@code old <size>\n}, up to 63
 * base64 consistency-proof hashes one per line, a blank line, then the signed checkpoint. The proof is carried as
 * sent; whether it proves anything is for the witness to check against its own state (422 if not).
 */
public record WitnessRequest(long oldSize, List<Bytes> proof, SignedNote checkpoint) {
    /** tlog-witness: "The client MUST NOT send more than 63 consistency proof lines." */
    public static final int MAX_PROOF_LINES = 63;
    /** Bounds what {@link #parse} reads: 63 proof lines and a note of 100 signature lines fit easily. */
    public static final int MAX_BODY = 128 * 1024;

    public WitnessRequest {
        if (oldSize < 0) {
            throw new IllegalArgumentException("negative old size");
        }
        proof = List.copyOf(proof);
        if (proof.size() > MAX_PROOF_LINES || proof.stream().anyMatch(h -> h.length() != MerkleHash.SIZE)) {
            throw new IllegalArgumentException("at most " + MAX_PROOF_LINES + " proof hashes of 32 bytes");
        }
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** The request that proves {@code checkpoint} (of {@code proof.toSize()} leaves) extends the witness's tree. */
    public static WitnessRequest of(ConsistencyProof proof, SignedNote checkpoint) {
        return new WitnessRequest(proof.fromSize(), proof.hashes(), checkpoint);
    }

    /** The request body in its wire form. */
    public byte[] encode() {
        StringBuilder out = new StringBuilder("old ").append(oldSize).append('\n');
        proof.forEach(h -> out.append(h.base64()).append('\n'));
        out.append('\n').append(checkpoint.serialize());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a request body (the witness side); anything malformed is a 400 there. */
    public static WitnessRequest parse(byte[] body) throws FormatException {
        if (body == null || body.length > MAX_BODY) {
            throw new FormatException("request body missing or larger than " + MAX_BODY + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException("request body is not UTF-8");
        }
        int end = text.indexOf('\n');
        if (end < 0 || !text.startsWith("old ")) {
            throw new FormatException("request does not start with an old size line");
        }
        long oldSize = size(text.substring(4, end));
        List<Bytes> proof = new ArrayList<>();
        int at = end + 1;
        while (true) {
            int next = text.indexOf('\n', at);
            if (next < 0) {
                throw new FormatException("request has no blank line before the checkpoint");
            }
            if (next == at) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new FormatException("more than " + MAX_PROOF_LINES + " proof lines");
            }
            Bytes hash = Bytes.fromBase64(text.substring(at, next));
            if (hash.length() != MerkleHash.SIZE) {
                throw new FormatException("proof hash is not 32 bytes");
            }
            proof.add(hash);
            at = next + 1;
        }
        return new WitnessRequest(oldSize, proof, SignedNote.parse(text.substring(at + 1)));
    }

    /** ASCII decimal without leading zeros ("0" alone for zero), at most 2^63 - 1. */
    static long size(String s) throws FormatException {
        if (s.isEmpty() || s.length() > 19 || (s.length() > 1 && s.charAt(0) == '0')
                || s.chars().anyMatch(c -> c < '0' || c > '9')) {
            throw new FormatException("size is not a decimal without leading zeros");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new FormatException("size out of range");
        }
    }
}
