package dev.hallmark.registry.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a request acts for, and what its credential allows.
 *
 * @param readonly a read-only token: no publish, tag, owner or token changes
 * @param onlyPackage a trusted-publishing token: may publish this one package and nothing else
 * @param tokenKey the key of the token used, empty for a password (Basic) login
 */
public record Principal(String username, boolean readonly, Optional<String> onlyPackage, Optional<String> tokenKey) {
    public Principal {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(onlyPackage, "onlyPackage");
        Objects.requireNonNull(tokenKey, "tokenKey");
    }

    /** Whether this credential may change the given package (publish, tags, deprecation, owners). */
    public boolean mayWrite(String packageName) {
        return !readonly && onlyPackage.map(packageName::equals).orElse(true);
    }

    /** Whether this credential may manage the account (tokens, packages other than its own). */
    public boolean mayManageAccount() {
        return !readonly && onlyPackage.isEmpty();
    }
}
