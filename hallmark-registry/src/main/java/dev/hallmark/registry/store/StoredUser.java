package dev.hallmark.registry.store;

import java.time.Instant;
import java.util.Objects;

/** A registry account. The password is kept only as a slow-KDF hash (a PHC string). */
public record StoredUser(String username, String email, String passwordHash, Instant createdAt) {
    public StoredUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "StoredUser[" + username + "]";
    }
}
