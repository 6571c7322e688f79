package dev.hallmark.registry.sign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.npm.RegistryKey;
import dev.hallmark.core.npm.RegistryKeys;
import dev.hallmark.core.npm.RegistrySignature;
import dev.hallmark.registry.store.DistSignature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's signing keys (npm.md §6): the current ECDSA P-256 key signs {@code <name>@<version>:<integrity>} for
 * {@code dist.signatures}; retired keys stay listed with their expiry so signatures they made keep verifying (pacote
 * accepts a signature when the version's publish time is before the key's {@code expires}).
 */
public final class RegistryKeyRing {
    private final Signer current;
    private final String currentKeyid;
    private final List<RegistryKey> retired;

    /**
     * @param retired earlier keys, each with the time it stopped signing as its expiry
     */
    public RegistryKeyRing(Signer current, List<RegistryKey> retired) throws FormatException {
        this.current = Objects.requireNonNull(current, "current");
        if (current.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new FormatException("npm registry signatures are ECDSA P-256 with SHA-256");
        }
        this.currentKeyid = RegistryKeys.keyid(current.publicKey());
        this.retired = List.copyOf(retired);
        for (RegistryKey key : this.retired) {
            if (key.expires().isEmpty()) {
                throw new FormatException("a retired registry key needs its expiry: " + key.keyid());
            }
        }
    }

    public String currentKeyid() {
        return currentKeyid;
    }

    /** The signature pacote checks: ECDSA over SHA-256 of the UTF-8 message, DER, base64. */
    public DistSignature sign(String name, String version, String integrity) {
        byte[] message = RegistrySignature.message(name, version, integrity);
        return new DistSignature(currentKeyid, Base64.getEncoder().encodeToString(current.sign(message).toArray()));
    }

    /** Signs a DSSE envelope's PAE for the publish attestation with the same key (npm.md §7.2). */
    public Signer signer() {
        return current;
    }

    /** Every key, current first, as {@link RegistryKey}s. */
    public RegistryKeys keys() {
        List<RegistryKey> all = new ArrayList<>();
        all.add(new RegistryKey(currentKeyid, current.publicKey(), Optional.empty(), Optional.of("npm:signatures")));
        all.addAll(retired);
        return new RegistryKeys(all);
    }

    /** {@code GET /-/npm/v1/keys} (npm.md §6.2): {@code {"keys":[{"expires","keyid","keytype","scheme","key"}]}}. */
    public ObjectNode keysResponse() {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("keys");
        for (RegistryKey key : keys().keys()) {
            ObjectNode k = list.addObject();
            if (key.expires().isPresent()) {
                k.put("expires", key.expires().get().toString());
            } else {
                k.putNull("expires");
            }
            k.put("keyid", key.keyid());
            k.put("keytype", "ecdsa-sha2-nistp256");
            k.put("scheme", "ecdsa-sha2-nistp256");
            k.put("key", Base64.getEncoder().encodeToString(Keys.spki(key.key()).toArray()));
        }
        return root;
    }
}
