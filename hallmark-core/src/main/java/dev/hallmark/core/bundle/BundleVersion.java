package dev.hallmark.core.bundle;

import dev.hallmark.core.FormatException;

/** Sigstore bundle versions and their media types (sigstore.md §6.1). Hallmark reads all and writes v0.3. */
public enum BundleVersion {
    V0_1("application/vnd.dev.sigstore.bundle+json;version=0.1"),
    V0_2("application/vnd.dev.sigstore.bundle+json;version=0.2"),
    V0_3("application/vnd.dev.sigstore.bundle.v0.3+json");

    private final String mediaType;

    BundleVersion(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type Hallmark writes for this version. */
    public String mediaType() {
        return mediaType;
    }

    /** Recognises every media type clients emit, including the older spelling of v0.3. */
    public static BundleVersion fromMediaType(String mediaType) throws FormatException {
        return switch (mediaType) {
            case "application/vnd.dev.sigstore.bundle+json;version=0.1" -> V0_1;
            case "application/vnd.dev.sigstore.bundle+json;version=0.2" -> V0_2;
            case "application/vnd.dev.sigstore.bundle.v0.3+json",
                    "application/vnd.dev.sigstore.bundle+json;version=0.3" -> V0_3;
            default -> throw new FormatException("unsupported bundle media type " + mediaType);
        };
    }
}
