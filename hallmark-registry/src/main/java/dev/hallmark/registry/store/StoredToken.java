package dev.hallmark.registry.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token as stored: only the SHA-256 of its secret, which was shown once when it was made.
 *
 * @param key the public id npm shows and revokes by ({@code npm token list/revoke})
 * @param prefix the first characters of the secret, for display
 * @param pkg when present, publishing is allowed for this package only (a trusted-publishing token)
 * @param cidr the networks the token may be used from; empty for any
 */
public record StoredToken(
        String key,
        String tokenHash,
        String username,
        String name,
        String prefix,
        boolean readonly,
        Optional<String> pkg,
        List<String> cidr,
        Instant createdAt,
        Optional<Instant> expiresAt) {
    public StoredToken {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(pkg, "pkg");
        cidr = List.copyOf(cidr);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "StoredToken[" + key + " of " + username + "]";
    }
}
