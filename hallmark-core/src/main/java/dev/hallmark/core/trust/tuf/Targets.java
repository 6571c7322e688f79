package dev.hallmark.core.trust.tuf;

import java.time.Instant;
import java.util.Map;

/**
 * Top-level targets metadata (TUF §4.5). Delegations are not modelled: a repository's delegated roles are ignored and
 * only top-level targets are found (Hallmark publishes no delegations; the public good's npm delegation is not needed
 * to read {@code trusted_root.json}).
 */
public record Targets(String specVersion, long version, Instant expires, Map<String, TargetFile> targets) implements Role {
    public Targets {
        RoleChecks.common(specVersion, version, expires);
        targets = Map.copyOf(targets);
        for (String name : targets.keySet()) {
            if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
                throw new IllegalArgumentException("target name must be a relative file path: " + name);
            }
        }
    }

    @Override
    public RoleType type() {
        return RoleType.TARGETS;
    }
}
