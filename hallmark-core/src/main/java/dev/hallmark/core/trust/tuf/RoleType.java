package dev.hallmark.core.trust.tuf;

/** The four top-level TUF roles (TUF specification §2.1), with the {@code _type} and file names they use. */
public enum RoleType {
    ROOT("root"),
    TARGETS("targets"),
    SNAPSHOT("snapshot"),
    TIMESTAMP("timestamp");

    private final String jsonName;

    RoleType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The {@code _type} value and the key in root's {@code roles}. */
    public String jsonName() {
        return jsonName;
    }

    /** {@code root.json}, {@code targets.json}, …: the name in snapshot and timestamp {@code meta}. */
    public String fileName() {
        return jsonName + ".json";
    }

    /**
     * The name a client fetches (§5.3.3, §5.5.1, §5.6.1): with consistent snapshots {@code <version>.<role>.json};
     * root is always versioned and timestamp never is.
     */
    public String fileName(long version, boolean consistentSnapshot) {
        return switch (this) {
            case ROOT -> version + "." + fileName();
            case TIMESTAMP -> fileName();
            case TARGETS, SNAPSHOT -> consistentSnapshot ? version + "." + fileName() : fileName();
        };
    }

    public static RoleType named(String jsonName) {
        for (RoleType type : values()) {
            if (type.jsonName.equals(jsonName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a top-level TUF role: " + jsonName);
    }
}
