package dev.hallmark.core.trust;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The trust material a verifier starts from ({@code dev.sigstore.trustroot.v1.TrustedRoot}, sigstore.md §7.1):
 * transparency logs, certificate authorities, CT logs and timestamp authorities, with every historical key kept.
 */
public record TrustedRoot(
        String mediaType,
        List<TransparencyLog> tlogs,
        List<CertificateAuthorityInfo> certificateAuthorities,
        List<TransparencyLog> ctlogs,
        List<CertificateAuthorityInfo> timestampAuthorities) {
    public static final String MEDIA_TYPE_0_1 = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
    public static final String MEDIA_TYPE_V0_1 = "application/vnd.dev.sigstore.trustedroot.v0.1+json";
    public static final String MEDIA_TYPE_V0_2 = "application/vnd.dev.sigstore.trustedroot.v0.2+json";

    public TrustedRoot {
        Objects.requireNonNull(mediaType, "mediaType");
        tlogs = List.copyOf(tlogs);
        certificateAuthorities = List.copyOf(certificateAuthorities);
        ctlogs = List.copyOf(ctlogs);
        timestampAuthorities = List.copyOf(timestampAuthorities);
    }

    /** Transparency logs known by this ID (log ID or checkpoint key ID); usually one. */
    public List<TransparencyLog> tlogsWithId(Bytes id) {
        return tlogs.stream().filter(l -> l.hasId(id)).toList();
    }

    public List<TransparencyLog> ctlogsWithId(Bytes id) {
        return ctlogs.stream().filter(l -> l.logId().equals(id)).toList();
    }
}
