package dev.hallmark.core.trust.tuf;

import java.util.HashSet;
import java.util.List;

/** A role's entry in root (TUF §4.3 "ROLE"): which keys may sign it and how many must. */
public record RoleKeys(List<String> keyIds, int threshold) {
    public RoleKeys {
        keyIds = List.copyOf(keyIds);
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        if (new HashSet<>(keyIds).size() != keyIds.size()) {
            throw new IllegalArgumentException("a role lists a key ID twice");
        }
    }
}
