package dev.hallmark.server.keys;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.crypto.SignerPem;
import dev.hallmark.server.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keys as PKCS#8 PEM files {@code <dir>/<name>.pem}, mode 0600 from the moment they exist (created with their
 * permissions, written to a temporary file, fsync'd, then linked in place so a concurrent start never overwrites a
 * key another process already uses). A key file others can read is refused, not used.
 */
public final class FileKeyManager implements KeyManager {
    private static final int MAX_KEY_FILE = 64 * 1024;
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<KeyName, Signer> cache = new HashMap<>();

    public FileKeyManager(Path dir) {
        this.dir = dir;
    }

    /** Where a key lives, for operators and tests; the file holds the private key. */
    public Path path(KeyName name) {
        return dir.resolve(name.value() + ".pem");
    }

    @Override
    public Signer signer(KeyName name, SignatureAlgorithm algorithm) throws KeyException {
        lock.lock();
        try {
            Signer signer = cache.get(name);
            if (signer == null) {
                signer = loadOrCreate(name, algorithm);
                cache.put(name, signer);
            } else if (signer.algorithm() != algorithm) {
                throw mismatch(name, signer.algorithm(), algorithm);
            }
            return signer;
        } finally {
            lock.unlock();
        }
    }

    private Signer loadOrCreate(KeyName name, SignatureAlgorithm algorithm) throws KeyException {
        Path file = path(name);
        try {
            AtomicFiles.createDirectory(dir, true);
            if (!Files.exists(file)) {
                Signer fresh = Signer.generate(algorithm);
                if (AtomicFiles.writeIfAbsent(file, SignerPem.encode(fresh).getBytes(StandardCharsets.US_ASCII), true)) {
                    return fresh;
                }
            }
            return load(name, file, algorithm);
        } catch (IOException e) {
            throw new KeyException(KeyException.Reason.IO, "cannot read or create key " + name + " in " + dir + ": " + e.getMessage(), null);
        }
    }

    private Signer load(KeyName name, Path file, SignatureAlgorithm algorithm) throws IOException, KeyException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new KeyException(KeyException.Reason.INSECURE_PERMISSIONS,
                        "key file " + file + " is accessible to others; run chmod 600 on it", null);
            }
        }
        if (Files.size(file) > MAX_KEY_FILE) {
            throw new KeyException(KeyException.Reason.MALFORMED, "key file " + file + " is too large", null);
        }
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new KeyException(KeyException.Reason.IO, "key file " + file + " disappeared", null);
        }
        try {
            return SignerPem.decode(pem, algorithm);
        } catch (FormatException e) {
            // Either not a key, or a key of another type: tell them apart for the operator.
            try {
                throw mismatch(name, SignerPem.decode(pem).algorithm(), algorithm);
            } catch (FormatException notAKey) {
                throw new KeyException(KeyException.Reason.MALFORMED, "key file " + file + " is not a PKCS#8 PEM private key", null);
            }
        }
    }

    private static KeyException mismatch(KeyName name, SignatureAlgorithm stored, SignatureAlgorithm asked) {
        return new KeyException(KeyException.Reason.ALGORITHM_MISMATCH,
                "key " + name + " is a " + stored + " key, not " + asked, null);
    }
}
