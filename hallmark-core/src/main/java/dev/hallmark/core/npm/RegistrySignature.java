package dev.hallmark.core.npm;

import static dev.hallmark.core.npm.NpmCheckException.Reason.*;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** {@code dist.signatures}: ECDSA P-256 over {@code <name>@<version>:<integrity>} (npm.md §6.1). */
public final class RegistrySignature {
    /** What npm assumes when a packument has no {@code time[version]} (npm.md §6.2). */
    public static final Instant DEFAULT_PUBLISH_TIME = Instant.parse("2015-01-01T00:00:00Z");

    private RegistrySignature() {
    }

    public static byte[] message(String name, String version, String integrity) {
        return (name + "@" + version + ":" + integrity).getBytes(StandardCharsets.UTF_8);
    }

    /** Checks one signature entry the way pacote does: known key, not expired at publish time, valid signature. */
    public static void verify(String name, String version, String integrity, String keyid, String sigBase64,
                              RegistryKeys keys, Instant publishTime) throws NpmCheckException {
        RegistryKey key = keys.find(keyid).orElseThrow(() -> new NpmCheckException(MISSING_SIGNATURE_KEY,
                name + "@" + version + " has a registry signature with keyid " + keyid + " but no corresponding public key can be found"));
        if (!key.coversTime(publishTime)) {
            throw new NpmCheckException(EXPIRED_SIGNATURE_KEY, name + "@" + version + " has a registry signature with keyid " + keyid
                    + " but the corresponding public key has expired " + key.expires().orElseThrow());
        }
        try {
            key.verifier().verify(message(name, version, integrity), Bytes.fromBase64(sigBase64).toArray());
        } catch (FormatException | BadSignatureException e) {
            throw new NpmCheckException(INTEGRITY_SIGNATURE_INVALID, name + "@" + version + " has an invalid registry signature");
        }
    }
}
