package dev.hallmark.log.ct;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;

/**
 * An RFC 6962 §3.4 {@code MerkleTreeLeaf} (v1, {@code timestamped_entry}): what a CT log appends, and the Merkle leaf
 * preimage its engine hashes. Only v1 with empty or opaque extensions exists.
 *
 * <p>Its encoding is, byte for byte, also what the log signs for the SCT (RFC 6962 §3.2 {@code digitally-signed
 * struct}, sigstore.md §2.2): {@code sct_version v1 = 0} takes the place of {@code version v1 = 0}, and
 * {@code signature_type certificate_timestamp = 0} that of {@code leaf_type timestamped_entry = 0}; the rest is the
 * {@code TimestampedEntry} in both. So the log signs exactly the leaf it appends.
 *
 * @param timestampMillis the SCT's timestamp, chosen before the append and stored inside the leaf
 * @param entry the certificate or precertificate that was logged
 * @param extensions {@code CtExtensions}, empty here
 */
public record MerkleTreeLeaf(long timestampMillis, SignedEntry entry, Bytes extensions) {
    /** The largest leaf {@link #parse} accepts: a 64 KiB certificate and its framing, with room to spare. */
    public static final int MAX_LEAF_BYTES = 128 * 1024;

    public MerkleTreeLeaf {
        if (timestampMillis < 0) {
            throw new IllegalArgumentException("timestamp must be non-negative");
        }
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(extensions, "extensions");
        if (extensions.length() > Tls.MAX_U16) {
            throw new IllegalArgumentException("extensions are an opaque<0..2^16-1>");
        }
    }

    /** RFC 6962 §3.1 {@code LogEntryType}: the signed entry of a leaf. */
    public sealed interface SignedEntry permits X509Entry, PrecertEntry {
        /** The {@code LogEntryType} code. */
        int type();
    }

    /** {@code x509_entry}: the DER leaf certificate ({@code add-chain}). */
    public record X509Entry(Bytes certificate) implements SignedEntry {
        public X509Entry {
            if (certificate.isEmpty() || certificate.length() > Tls.MAX_U24) {
                throw new IllegalArgumentException("certificate must be 1 to 2^24-1 bytes");
            }
        }

        @Override
        public int type() {
            return 0;
        }
    }

    /**
     * {@code precert_entry}: SHA-256 of the issuing CA's SubjectPublicKeyInfo and the DER TBSCertificate of the
     * precertificate with the poison extension removed ({@code add-pre-chain}, sigstore.md §2.2).
     */
    public record PrecertEntry(Bytes issuerKeyHash, Bytes tbsCertificate) implements SignedEntry {
        public PrecertEntry {
            if (issuerKeyHash.length() != 32) {
                throw new IllegalArgumentException("issuer key hash must be 32 bytes");
            }
            if (tbsCertificate.isEmpty() || tbsCertificate.length() > Tls.MAX_U24) {
                throw new IllegalArgumentException("TBS certificate must be 1 to 2^24-1 bytes");
            }
        }

        @Override
        public int type() {
            return 1;
        }
    }

    /** The TLS encoding: the leaf preimage, and the SCT's signed data (see the class comment). */
    public Bytes encode() {
        Tls.Writer out = new Tls.Writer().u8(0).u8(0).u64(timestampMillis).u16(entry.type());
        switch (entry) {
            case X509Entry x -> out.vector24(x.certificate());
            case PrecertEntry p -> out.fixed(p.issuerKeyHash()).vector24(p.tbsCertificate());
        }
        return out.vector16(extensions).toBytes();
    }

    /** Parses a v1 {@code timestamped_entry} leaf, as a monitor reads {@code leaf_input} from {@code get-entries}. */
    public static MerkleTreeLeaf parse(Bytes leaf) throws FormatException {
        if (leaf.length() > MAX_LEAF_BYTES) {
            throw new FormatException("leaf larger than " + MAX_LEAF_BYTES + " bytes");
        }
        Tls.Reader in = new Tls.Reader(leaf);
        if (in.u8() != 0 || in.u8() != 0) {
            throw new FormatException("not a v1 timestamped_entry leaf");
        }
        long timestamp = in.u64();
        if (timestamp < 0) {
            throw new FormatException("timestamp out of range");
        }
        int type = in.u16();
        try {
            SignedEntry entry = switch (type) {
                case 0 -> new X509Entry(in.vector24());
                case 1 -> new PrecertEntry(in.fixed(32), in.vector24());
                default -> throw new FormatException("unknown LogEntryType " + type);
            };
            MerkleTreeLeaf parsed = new MerkleTreeLeaf(timestamp, entry, in.vector16());
            in.end();
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid leaf: " + e.getMessage());
        }
    }
}
