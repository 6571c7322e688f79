package dev.hallmark.registry.ui;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Links into a source repository named by a Fulcio certificate: the commit (1.13) and the build file (1.18 without its
 * {@code @ref}) on github.com and gitlab.com, whose URL layouts are known. For other hosts the facts are shown as text.
 */
final class SourceLinks {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,64}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._/-]+");

    private SourceLinks() {
    }

    private enum Forge {
        GITHUB("/commit/", "/blob/"),
        GITLAB("/-/commit/", "/-/blob/");

        final String commit;
        final String blob;

        Forge(String commit, String blob) {
            this.commit = commit;
            this.blob = blob;
        }
    }

    static String shortSha(String sha) {
        return SHA.matcher(sha).matches() && sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    static Optional<String> commitUrl(String repository, String sha) {
        return forge(repository).filter(f -> SHA.matcher(sha).matches()).map(f -> trim(repository) + f.commit + sha);
    }

    /**
     * The build file's path in the repository: 1.18 is the repository URL, the path and {@code @ref}
     * ({@code https://github.com/o/r/.github/workflows/x.yml@refs/tags/v1}; GitLab puts {@code //} before the path).
     * Empty when the URI is not inside the repository.
     */
    static Optional<String> buildFilePath(String repository, String buildConfigUri) {
        String prefix = trim(repository) + "/";
        if (!buildConfigUri.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = buildConfigUri.substring(prefix.length());
        int at = rest.lastIndexOf('@');
        String path = (at >= 0 ? rest.substring(0, at) : rest).replaceFirst("^/+", "");
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    static Optional<String> buildFileUrl(String repository, String sha, String path) {
        if (!SHA.matcher(sha).matches() || !PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        return forge(repository).map(f -> trim(repository) + f.blob + sha + "/" + path);
    }

    private static Optional<Forge> forge(String repository) {
        if (Html.safeHref(repository).isEmpty() || !repository.startsWith("https://")) {
            return Optional.empty();
        }
        String host = URI.create(repository).getHost();
        return switch (host == null ? "" : host.toLowerCase(Locale.ROOT)) {
            case "github.com" -> Optional.of(Forge.GITHUB);
            case "gitlab.com" -> Optional.of(Forge.GITLAB);
            default -> Optional.empty();
        };
    }

    private static String trim(String repository) {
        return repository.replaceAll("/+$", "");
    }
}
