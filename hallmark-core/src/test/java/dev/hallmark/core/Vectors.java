package dev.hallmark.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the shared test vectors in place ({@code ../shared/vectors}); they are never copied into the project. */
public final class Vectors {
    private Vectors() {
    }

    /** The shared folder: the {@code hallmark.shared} system property (set by Maven), else {@code ../shared}. */
    public static Path shared() {
        String configured = System.getProperty("hallmark.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "shared");
        if (!Files.isDirectory(root.resolve("vectors"))) {
            root = Path.of("..", "..", "shared"); // when run from a module directory without Maven's property
        }
        return root.toAbsolutePath().normalize();
    }

    public static Path path(String relativeToVectors) {
        Path p = shared().resolve("vectors").resolve(relativeToVectors);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing test vector " + p);
        }
        return p;
    }

    public static byte[] bytes(String relativeToVectors) {
        try {
            return Files.readAllBytes(path(relativeToVectors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relativeToVectors) {
        return new String(bytes(relativeToVectors), StandardCharsets.UTF_8);
    }
}
