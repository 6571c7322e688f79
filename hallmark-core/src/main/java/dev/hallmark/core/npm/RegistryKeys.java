package dev.hallmark.core.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A registry's keys, read from {@code GET /-/npm/v1/keys} or from the TUF target {@code <host>/keys.json}. */
public record RegistryKeys(List<RegistryKey> keys) {
    private static final int MAX_BYTES = 256 * 1024;

    public RegistryKeys {
        keys = List.copyOf(keys);
    }

    /** The first key with this ID, as npm picks it (keyUsage is not filtered, npm.md §6.2). */
    public Optional<RegistryKey> find(String keyid) {
        return keys.stream().filter(k -> k.keyid().equals(keyid)).findFirst();
    }

    /** {@code {"keys":[{"keyid","key","expires"}]}}, the registry endpoint's form. */
    public static RegistryKeys parseRegistryResponse(byte[] json) throws FormatException {
        JsonNode root = Json.parseObject(json, MAX_BYTES);
        List<RegistryKey> out = new ArrayList<>();
        for (JsonNode k : Json.optionalArray(root, "keys")) {
            Optional<Instant> expires = Json.optionalText(k, "expires").isPresent() ? Optional.of(Json.requireTime(k, "expires")) : Optional.empty();
            out.add(new RegistryKey(Json.requireNonEmptyText(k, "keyid"), Keys.publicKeyFromDer(Json.requireBase64(k, "key")), expires, Optional.empty()));
        }
        return new RegistryKeys(out);
    }

    /** {@code {"keys":[{"keyId","keyUsage","publicKey":{"rawBytes",…,"validFor"}}]}}, the TUF target's form. */
    public static RegistryKeys parseTufTarget(byte[] json) throws FormatException {
        JsonNode root = Json.parseObject(json, MAX_BYTES);
        List<RegistryKey> out = new ArrayList<>();
        for (JsonNode k : Json.optionalArray(root, "keys")) {
            JsonNode publicKey = Json.requireObject(k, "publicKey");
            JsonNode validFor = publicKey.path("validFor");
            Optional<Instant> expires = validFor.hasNonNull("end") ? Optional.of(Json.requireTime(validFor, "end")) : Optional.empty();
            out.add(new RegistryKey(Json.requireNonEmptyText(k, "keyId"), Keys.publicKeyFromDer(Json.requireBase64(publicKey, "rawBytes")),
                    expires, Json.optionalText(k, "keyUsage")));
        }
        return new RegistryKeys(out);
    }

    /**
     * npm's key ID: {@code "SHA256:"} + unpadded base64 of SHA-256 over the OpenSSH wire encoding of the key
     * (npm.md §6.2): {@code string("ecdsa-sha2-nistp256") ‖ string("nistp256") ‖ string(uncompressed point)}.
     */
    public static String keyid(PublicKey key) throws FormatException {
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new FormatException("npm key IDs are defined for ECDSA P-256 keys only");
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sshString(wire, "ecdsa-sha2-nistp256".getBytes(StandardCharsets.US_ASCII));
        sshString(wire, "nistp256".getBytes(StandardCharsets.US_ASCII));
        byte[] point = new byte[65];
        point[0] = 0x04;
        unsigned(ec.getW().getAffineX(), point, 1);
        unsigned(ec.getW().getAffineY(), point, 33);
        sshString(wire, point);
        Bytes digest = Digest.sha256(wire.toByteArray()).value();
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest.toArray());
    }

    private static void sshString(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static void unsigned(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int start = raw.length > 32 ? raw.length - 32 : 0;
        int len = raw.length - start;
        System.arraycopy(raw, start, out, offset + 32 - len, len);
    }
}
