package dev.hallmark.core.verify;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.core.trust.CertificateAuthorityInfo;
import dev.hallmark.core.trust.TransparencyLog;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.tsp.TimestampAuthority;
import dev.hallmark.core.x509.CertificateAuthority;
import dev.hallmark.core.x509.Certificates;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A trusted root with every key and certificate parsed once, so each verification only looks things up. */
final class TrustMaterial {
    /** A log of the trusted root with its signature and checkpoint verifiers ready. */
    record Log(TransparencyLog log, PublicKeyVerifier verifier, List<NoteVerifier> noteVerifiers) {
    }

    final List<Log> tlogs;
    final List<Log> ctlogs;
    final List<CertificateAuthority> certificateAuthorities;
    /** DER of every certificate in a trusted CA chain, to recognise them when a bundle carries them. */
    final java.util.Set<Bytes> trustedCertificates = new java.util.HashSet<>();
    final List<TimestampAuthority> timestampAuthorities;
    /** The URI the trusted root gives each TSA, to name it in results. */
    final java.util.Map<TimestampAuthority, String> timestampAuthorityUris = new java.util.IdentityHashMap<>();

    TrustMaterial(TrustedRoot root) throws FormatException {
        this.tlogs = logs(root.tlogs(), true);
        this.ctlogs = logs(root.ctlogs(), false);
        this.certificateAuthorities = new ArrayList<>();
        for (CertificateAuthorityInfo ca : root.certificateAuthorities()) {
            certificateAuthorities.add(new CertificateAuthority(chain(ca), ca.validFor().start(), ca.validFor().end()));
            trustedCertificates.addAll(ca.certChain());
        }
        this.timestampAuthorities = new ArrayList<>();
        for (CertificateAuthorityInfo tsa : root.timestampAuthorities()) {
            TimestampAuthority authority = new TimestampAuthority(chain(tsa), tsa.validFor().start(), tsa.validFor().end());
            timestampAuthorities.add(authority);
            timestampAuthorityUris.put(authority, tsa.uri());
        }
    }

    private static List<X509Certificate> chain(CertificateAuthorityInfo ca) throws FormatException {
        List<X509Certificate> out = new ArrayList<>();
        for (Bytes der : ca.certChain()) {
            out.add(Certificates.parseDer(der));
        }
        return List.copyOf(out);
    }

    private static List<Log> logs(List<TransparencyLog> logs, boolean checkpoints) throws FormatException {
        List<Log> out = new ArrayList<>();
        for (TransparencyLog log : logs) {
            PublicKeyVerifier verifier = log.publicKey().verifier();
            // Rekor names its checkpoints after its host; a log on a non-default port may use host:port (sigstore-js
            // accepts any name contained in the base URL), so both names are known for the same key.
            List<NoteVerifier> notes = new ArrayList<>();
            if (checkpoints) {
                notes.add(NoteVerifier.forLogKey(log.host(), verifier.key()));
                if (!log.authority().equals(log.host())) {
                    notes.add(NoteVerifier.forLogKey(log.authority(), verifier.key()));
                }
            }
            out.add(new Log(log, verifier, List.copyOf(notes)));
        }
        return List.copyOf(out);
    }

    List<Log> tlogsWithId(Bytes id) {
        return tlogs.stream().filter(l -> l.log().hasId(id)).toList();
    }

    List<Log> ctlogsWithId(Bytes id) {
        return ctlogs.stream().filter(l -> l.log().logId().equals(id)).toList();
    }
}
