package dev.hallmark.cli.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Builds a package directory for a test: files with content and permissions, links, package.json. */
record PackageTree(Path dir) {
    PackageTree file(String path, String content) throws IOException {
        return bytes(path, content.getBytes(StandardCharsets.UTF_8));
    }

    PackageTree file(String path) throws IOException {
        return file(path, "content of " + path + "\n");
    }

    PackageTree bytes(String path, byte[] content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return mode(path, "rw-r--r--");
    }

    PackageTree dir(String path) throws IOException {
        Files.createDirectories(dir.resolve(path));
        return this;
    }

    PackageTree mode(String path, String permissions) throws IOException {
        Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString(permissions));
        return this;
    }

    PackageTree symlink(String link, String target) throws IOException {
        Path p = dir.resolve(link);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
        return this;
    }

    PackageTree hardLink(String link, String existing) throws IOException {
        Files.createLink(dir.resolve(link), dir.resolve(existing));
        return this;
    }

    PackageTree packageJson(String json) throws IOException {
        return file("package.json", json);
    }
}
