package dev.hallmark.core.trust.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.json.OlpcCanonicalJson;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A TUF key object (TUF specification §4.2 "KEY"; sigstore.md §7.3): {@code {"keytype", "scheme", "keyval":
 * {"public"}}} plus any extra string fields ({@code x-…}) a repository adds. Keys of schemes this client does not
 * verify are kept (a root may list them) but never count toward a threshold.
 *
 * @param extensions extra top-level string fields, kept so the key ID of a key we write and read back is stable
 */
public record TufKey(String keyType, String scheme, String publicValue, Map<String, String> extensions) {
    /** Extension naming the key-management key that holds the private half (Hallmark's own repositories). */
    public static final String KEY_NAME_EXTENSION = "x-hallmark-key-name";
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4), before the 32-byte key. */
    private static final String ED25519_SPKI = "302a300506032b6570032100";
    /** DER prefix of a P-256 SubjectPublicKeyInfo, before the 65-byte uncompressed point (early sigstore roots). */
    private static final String P256_SPKI = "3059301306072a8648ce3d020106082a8648ce3d030107034200";

    /** The schemes this client verifies. */
    public enum Scheme {
        /** Pure Ed25519; {@code keyval.public} is the 32-byte key in hex, signatures are 64 bytes in hex. */
        ED25519("ed25519", "ed25519", SignatureAlgorithm.ED25519),
        /** ECDSA P-256 with SHA-256; the key is PEM (older roots: a hex point), signatures DER in hex. */
        ECDSA_P256("ecdsa", "ecdsa-sha2-nistp256", SignatureAlgorithm.ECDSA_P256_SHA256);

        private final String keyType;
        private final String name;
        private final SignatureAlgorithm algorithm;

        Scheme(String keyType, String name, SignatureAlgorithm algorithm) {
            this.keyType = keyType;
            this.name = name;
            this.algorithm = algorithm;
        }

        public String schemeName() {
            return name;
        }

        public SignatureAlgorithm algorithm() {
            return algorithm;
        }
    }

    public TufKey {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(publicValue, "publicValue");
        extensions = Map.copyOf(extensions);
        for (String name : extensions.keySet()) {
            if (name.equals("keytype") || name.equals("scheme") || name.equals("keyval")) {
                throw new IllegalArgumentException("extension " + name + " would shadow a key field");
            }
        }
    }

    /** The key object for a public key, ECDSA P-256 or Ed25519, in the form sigstore's root-signing writes. */
    public static TufKey of(PublicKey key, Map<String, String> extensions) throws FormatException {
        return switch (SignatureAlgorithm.defaultFor(key)) {
            case ECDSA_P256_SHA256 -> new TufKey("ecdsa", Scheme.ECDSA_P256.name,
                    Keys.toPem(key).replace("\r\n", "\n"), extensions);
            case ED25519 -> new TufKey("ed25519", Scheme.ED25519.name,
                    Keys.spki(key).slice(ED25519_SPKI.length() / 2, Keys.spki(key).length()).hex(), extensions);
            default -> throw new FormatException("TUF keys here are ECDSA P-256 or Ed25519, not " + key.getAlgorithm());
        };
    }

    /** The scheme, if this client verifies it: keytype and scheme must agree. */
    public Optional<Scheme> supportedScheme() {
        for (Scheme s : Scheme.values()) {
            boolean typeFits = keyType.equals(s.keyType) || (s == Scheme.ECDSA_P256 && keyType.equals(s.name));
            if (typeFits && scheme.equals(s.name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Optional<String> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }

    /** The public key; throws for an unsupported scheme or malformed key value. */
    public PublicKey publicKey() throws FormatException {
        Scheme s = supportedScheme().orElseThrow(() -> new FormatException("unsupported TUF key " + keyType + "/" + scheme));
        PublicKey key = switch (s) {
            case ED25519 -> Keys.publicKeyFromDer(Bytes.fromHex(ED25519_SPKI + requireHex(publicValue, 64)));
            case ECDSA_P256 -> publicValue.contains("-----BEGIN")
                    ? Keys.publicKeyFromPem(publicValue)
                    : Keys.publicKeyFromDer(Bytes.fromHex(P256_SPKI + requireHex(publicValue, 130)));
        };
        boolean fits = s == Scheme.ED25519 ? key instanceof EdECPublicKey
                : key instanceof ECPublicKey && SignatureAlgorithm.defaultFor(key) == SignatureAlgorithm.ECDSA_P256_SHA256;
        if (!fits) {
            throw new FormatException("key value is not a " + s.name + " key");
        }
        return key;
    }

    public PublicKeyVerifier verifier() throws FormatException {
        Scheme s = supportedScheme().orElseThrow(() -> new FormatException("unsupported TUF key " + keyType + "/" + scheme));
        return s.algorithm.verifier(publicKey());
    }

    /** The key object as JSON. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        new TreeMap<>(extensions).forEach(node::put);
        node.put("keytype", keyType);
        node.put("scheme", scheme);
        node.putObject("keyval").put("public", publicValue);
        return node;
    }

    /**
     * The key ID as securesystemslib computes it: hex SHA-256 of the canonical JSON of the key object. Clients do not
     * recompute IDs (they take the ones root lists), so this matters only for keys we publish.
     */
    public String keyId() {
        return Digest.sha256(OlpcCanonicalJson.canonicalize(toJson())).hex();
    }

    private static String requireHex(String value, int length) throws FormatException {
        if (value.length() != length || !value.matches("[0-9a-fA-F]+")) {
            throw new FormatException("key value must be " + length + " hex digits");
        }
        if (length == 130 && !value.startsWith("04")) {
            throw new FormatException("EC point must be uncompressed");
        }
        return value;
    }
}
