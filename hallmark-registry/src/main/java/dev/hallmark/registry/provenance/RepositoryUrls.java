package dev.hallmark.registry.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * package.json {@code repository} as npmjs compares it with the certificate's source repository (npm.md §12, from its
 * error texts): the URL with {@code git+} and a trailing {@code .git} removed, compared case-sensitively. npm's
 * publish normalisation already turned shorthands ({@code github:o/r}, {@code o/r}) into {@code git+https} URLs; SSH
 * and {@code git://} forms of a host are read as its https URL.
 */
final class RepositoryUrls {
    private RepositoryUrls() {
    }

    static Optional<String> of(JsonNode manifest) {
        JsonNode repository = manifest.get("repository");
        String url = repository == null ? null
                : repository.isTextual() ? repository.asText() : repository.path("url").asText(null);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(normalize(url.trim()));
    }

    static String normalize(String url) {
        String u = url;
        if (u.startsWith("git+")) {
            u = u.substring(4);
        }
        if (u.startsWith("git@") && u.indexOf(':') > 4) { // git@github.com:o/r.git
            u = "https://" + u.substring(4, u.indexOf(':')) + "/" + u.substring(u.indexOf(':') + 1);
        } else if (u.startsWith("ssh://git@")) {
            u = "https://" + u.substring("ssh://git@".length());
        } else if (u.startsWith("git://")) {
            u = "https://" + u.substring("git://".length());
        }
        if (u.endsWith(".git")) {
            u = u.substring(0, u.length() - 4);
        }
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
