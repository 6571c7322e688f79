package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.trust.tuf.TufException.Reason;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** The checks the client workflow repeats: signature thresholds, lengths and hashes. */
final class TufChecks {
    private TufChecks() {
    }

    /**
     * TUF §5.3.4/§5.4.2: at least {@code threshold} distinct keys of the role, as {@code root} lists them, signed the
     * canonical {@code signed} bytes. Signatures by other keys, repeated key IDs, keys of unsupported schemes and
     * signatures that do not verify are not counted (and not errors: a threshold may be met without them).
     */
    static void threshold(Root root, RoleType type, Metadata<?> metadata, String what) throws TufException {
        RoleKeys role = root.role(type);
        Set<String> verified = new HashSet<>();
        for (TufSignature signature : metadata.signatures()) {
            String id = signature.keyId();
            if (!role.keyIds().contains(id) || verified.contains(id)) {
                continue;
            }
            try {
                root.keys().get(id).verifier().verify(metadata.canonicalSigned(), signature.sig());
                verified.add(id);
            } catch (FormatException | BadSignatureException e) {
                // not counted
            }
        }
        if (verified.size() < role.threshold()) {
            throw new TufException(Reason.THRESHOLD_NOT_MET, what + " has " + verified.size() + " valid signature(s) by "
                    + type.jsonName() + " keys of root v" + root.version() + ", needs " + role.threshold());
        }
    }

    /** TUF §5.5.2/§5.6.2/§5.7.3: the length (if given) and every listed hash must match; unknown hashes fail closed. */
    static void file(byte[] data, OptionalLong length, Map<String, Bytes> hashes, String what) throws TufException {
        if (length.isPresent() && data.length != length.getAsLong()) {
            throw new TufException(Reason.LENGTH_MISMATCH, what + " is " + data.length + " bytes, expected " + length.getAsLong());
        }
        for (Map.Entry<String, Bytes> hash : hashes.entrySet()) {
            HashAlgorithm algorithm;
            try {
                algorithm = HashAlgorithm.parse(hash.getKey());
            } catch (FormatException e) {
                throw new TufException(Reason.HASH_MISMATCH, what + " lists unsupported hash " + hash.getKey());
            }
            if (!algorithm.digest(data).value().equals(hash.getValue())) {
                throw new TufException(Reason.HASH_MISMATCH, what + " does not match its " + hash.getKey() + " hash");
            }
        }
    }

    static void fresh(Role role, java.time.Instant now, String what) throws TufException {
        if (role.isExpired(now)) {
            throw new TufException(Reason.EXPIRED, what + " v" + role.version() + " expired at " + role.expires());
        }
    }

    static <T extends Role> Metadata<T> parse(byte[] json, Class<T> type, int maxBytes, String what) throws TufException {
        try {
            return TufCodec.parse(json, type, maxBytes);
        } catch (FormatException e) {
            throw new TufException(Reason.METADATA_MALFORMED, what + ": " + e.getMessage());
        }
    }

    static boolean sameKeys(RoleKeys a, RoleKeys b) {
        return a.threshold() == b.threshold() && Set.copyOf(a.keyIds()).equals(Set.copyOf(b.keyIds()));
    }
}
