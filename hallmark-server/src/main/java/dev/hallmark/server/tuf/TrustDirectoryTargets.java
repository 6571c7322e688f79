package dev.hallmark.server.tuf;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.server.trust.TrustMaterialWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of {@code DIR/trust/} that clients fetch through TUF, under the target names Sigstore clients use:
 * {@code trusted_root.json} (sigstore-js, sigstore-java, npm), {@code signing_config.v0.2.json} (sigstore-java's and
 * sigstore-python's name for the v0.2 signing config; the public good's plain {@code signing_config.json} is the v0.1
 * format, which this instance does not write), and, once the registry writes {@code registry_keys.json} (the TUF keys
 * format of npm.md §6.2), {@code <registry host[:port]><path>/keys.json}, the name {@code npm audit signatures} asks for.
 */
public final class TrustDirectoryTargets implements TargetSource {
    public static final String TRUSTED_ROOT = "trusted_root.json";
    public static final String SIGNING_CONFIG = "signing_config.v0.2.json";
    /** The file in {@code DIR/trust/} the registry writes its keys to, in the TUF keys format. */
    public static final String REGISTRY_KEYS_FILE = "registry_keys.json";
    private static final long MAX_FILE = 4L * 1024 * 1024;

    private final Path trustDir;
    private final String registryKeysTarget;

    public TrustDirectoryTargets(Path trustDir, URI registryUrl) {
        this.trustDir = trustDir;
        this.registryKeysTarget = registryKeysTarget(registryUrl);
    }

    /**
     * npm's name for a registry's keys target: {@code new URL(registry).host} (default ports omitted), then the path
     * without its trailing slash, then {@code /keys.json} (npm {@code lib/utils/verify-signatures.js}).
     */
    public static String registryKeysTarget(URI registry) {
        int port = registry.getPort();
        boolean defaultPort = port == -1 || (port == 80 && "http".equals(registry.getScheme()))
                || (port == 443 && "https".equals(registry.getScheme()));
        String path = registry.getRawPath() == null ? "" : registry.getRawPath().replaceAll("/+$", "");
        return registry.getHost() + (defaultPort ? "" : ":" + port) + path + "/keys.json";
    }

    @Override
    public Map<String, Bytes> targets() throws IOException {
        Map<String, Bytes> targets = new LinkedHashMap<>();
        put(targets, TRUSTED_ROOT, TrustMaterialWriter.TRUSTED_ROOT);
        put(targets, SIGNING_CONFIG, TrustMaterialWriter.SIGNING_CONFIG);
        put(targets, registryKeysTarget, REGISTRY_KEYS_FILE);
        return targets;
    }

    private void put(Map<String, Bytes> targets, String name, String file) throws IOException {
        Path path = trustDir.resolve(file);
        try {
            if (Files.size(path) > MAX_FILE) {
                throw new IOException(path + " is larger than " + MAX_FILE + " bytes");
            }
            targets.put(name, Bytes.of(Files.readAllBytes(path)));
        } catch (NoSuchFileException e) {
            // not written (yet): not published
        }
    }
}
