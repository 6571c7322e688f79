package dev.hallmark.server.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.npm.RegistryKey;
import dev.hallmark.core.npm.RegistryKeys;
import dev.hallmark.registry.sign.RegistryKeyRing;
import dev.hallmark.server.DataDirectory;
import dev.hallmark.server.internal.AtomicFiles;
import dev.hallmark.server.keys.FileKeyManager;
import dev.hallmark.server.keys.KeyException;
import dev.hallmark.server.keys.KeyManager;
import dev.hallmark.server.tuf.TrustDirectoryTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The registry's signing keys on disk: the current one is {@code keys/registry.pem} (through the key manager); retired
 * ones are public keys with the time they stopped signing, in {@code trust/registry-keys-retired.json} (the
 * {@code /-/npm/v1/keys} shape). {@link #rotate} retires the current key: its public half stays listed so every
 * signature it made keeps verifying (pacote: publish time before {@code expires}); the private half is deleted, and the
 * next start makes a new key.
 */
public final class RegistryKeyFiles {
    static final String RETIRED = "registry-keys-retired.json";
    private static final int MAX_BYTES = 1024 * 1024;

    private RegistryKeyFiles() {
    }

    static RegistryKeyRing load(KeyManager keys, DataDirectory dir) throws KeyException, IOException, FormatException {
        return new RegistryKeyRing(keys.signer(RegistryService.KEY, SignatureAlgorithm.ECDSA_P256_SHA256), retired(dir));
    }

    /** Retires the current key as of {@code now}; run it with the server stopped (the key is read at start). */
    public static RegistryKey rotate(DataDirectory dir, Instant now) throws KeyException, IOException, FormatException {
        FileKeyManager keys = new FileKeyManager(dir.keys());
        Path file = keys.path(RegistryService.KEY);
        if (!Files.exists(file)) {
            throw new KeyException(KeyException.Reason.IO, "no registry key at " + file + " (start the server once first)",
                    null);
        }
        Signer current = keys.signer(RegistryService.KEY, SignatureAlgorithm.ECDSA_P256_SHA256);
        RegistryKey retiring = new RegistryKey(RegistryKeys.keyid(current.publicKey()), current.publicKey(),
                java.util.Optional.of(now), java.util.Optional.of("npm:signatures"));
        List<RegistryKey> all = new ArrayList<>(retired(dir));
        all.add(retiring);
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("keys");
        for (RegistryKey k : all) {
            list.addObject().put("expires", k.expires().orElseThrow().toString()).put("keyid", k.keyid())
                    .put("keytype", "ecdsa-sha2-nistp256").put("scheme", "ecdsa-sha2-nistp256")
                    .put("key", Base64.getEncoder().encodeToString(Keys.spki(k.key()).toArray()));
        }
        AtomicFiles.replace(dir.trust().resolve(RETIRED), Json.writePretty(root), false); // listed before the key goes
        Files.delete(file);
        return retiring;
    }

    /**
     * Writes the keys in npm's TUF target form (npm.md §6.2), {@code trust/registry_keys.json}, which the TUF
     * repository publishes as {@code <registry host><path>/keys.json} so {@code npm audit signatures} takes the keys
     * from TUF. Skipped for a registry URL with an explicit port: the target name would then start with
     * {@code host:port/}, which sigstore-java 2.0.0 reads as a URI scheme and fails on while updating every target;
     * npm falls back to {@code /-/npm/v1/keys} (with a warning). Unchanged content is not rewritten, so a restart makes
     * no new TUF version.
     */
    static void writeTufTarget(DataDirectory dir, RegistryKeyRing ring, java.net.URI registryUrl)
            throws IOException {
        Path file = dir.trust().resolve(TrustDirectoryTargets.REGISTRY_KEYS_FILE);
        if (registryUrl.getPort() != -1) {
            Files.deleteIfExists(file);
            return;
        }
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("keys");
        for (RegistryKey key : ring.keys().keys()) {
            for (String usage : new String[] {"npm:signatures", "npm:attestations"}) {
                ObjectNode k = list.addObject();
                k.put("keyId", key.keyid());
                k.put("keyUsage", usage);
                ObjectNode publicKey = k.putObject("publicKey");
                publicKey.put("rawBytes", Base64.getEncoder().encodeToString(Keys.spki(key.key()).toArray()));
                publicKey.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
                // npm reads only validFor.end (a retired key's expiry); the start of a key's use is not recorded
                ObjectNode validFor = publicKey.putObject("validFor");
                key.expires().ifPresent(e -> validFor.put("end", e.toString()));
            }
        }
        byte[] content = Json.writePretty(root);
        if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), content)) {
            AtomicFiles.replace(file, content, false);
        }
    }

    private static List<RegistryKey> retired(DataDirectory dir) throws IOException, FormatException {
        Path file = dir.trust().resolve(RETIRED);
        if (!Files.exists(file)) {
            return List.of();
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new FormatException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        return RegistryKeys.parseRegistryResponse(Files.readAllBytes(file)).keys();
    }
}
