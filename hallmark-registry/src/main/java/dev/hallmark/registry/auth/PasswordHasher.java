package dev.hallmark.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, with
 * OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). Each hash holds its parameters, so they can be raised later
 * without breaking stored ones. Hashing is memory-hard on purpose; a semaphore bounds how many run at once so a burst
 * of logins cannot exhaust the heap.
 */
public final class PasswordHasher {
    public static final int MAX_PASSWORD_BYTES = 1024;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKib;
    private final int passes;
    private final SecureRandom random;
    private final Semaphore slots;

    public PasswordHasher(int memoryKib, int passes, SecureRandom random) {
        if (memoryKib < 8 || passes < 1) {
            throw new IllegalArgumentException("argon2 parameters too small");
        }
        this.memoryKib = memoryKib;
        this.passes = passes;
        this.random = Objects.requireNonNull(random, "random");
        this.slots = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    }

    /** OWASP's recommended minimum: m=19456 KiB, t=2, p=1. */
    public static PasswordHasher standard() {
        return new PasswordHasher(19_456, 2, new SecureRandom());
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, passes);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** Whether the password matches the stored hash; a malformed stored hash never matches. */
    public boolean matches(String password, String phc) {
        String[] parts = phc.split("\\$", -1);
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            for (String param : parts[3].split(",")) {
                String[] kv = param.split("=", 2);
                switch (kv[0]) {
                    case "m" -> m = Integer.parseInt(kv[1]);
                    case "t" -> t = Integer.parseInt(kv[1]);
                    case "p" -> {
                        if (!kv[1].equals("1")) {
                            return false;
                        }
                    }
                    default -> {
                        return false;
                    }
                }
            }
            if (m < 8 || m > 1_048_576 || t < 1 || t > 16) {
                return false;
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            return MessageDigest.isEqual(expected, derive(password, salt, m, t)); // constant time
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time a real check would, for unknown users, so response times do not reveal which names exist. */
    public void burn(String password) {
        derive(password, new byte[SALT_BYTES], memoryKib, passes);
    }

    private byte[] derive(String password, byte[] salt, int m, int t) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (pw.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_BYTES + " bytes");
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[HASH_BYTES];
        slots.acquireUninterruptibly();
        try {
            generator.generateBytes(pw, out);
        } finally {
            slots.release();
        }
        return out;
    }
}
