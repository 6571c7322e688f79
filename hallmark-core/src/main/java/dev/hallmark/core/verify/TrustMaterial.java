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
    record Log(TransparencyLog log, PublicKeyVerifier verifier, NoteVerifier noteVerifier) {
    }

    final List<Log> tlogs;
    final List<Log> ctlogs;
    final List<CertificateAuthority> certificateAuthorities;
    final List<TimestampAuthority> timestampAuthorities;

    TrustMaterial(TrustedRoot root) throws FormatException {
        this.tlogs = logs(root.tlogs(), true);
        this.ctlogs = logs(root.ctlogs(), false);
        this.certificateAuthorities = new ArrayList<>();
        for (CertificateAuthorityInfo ca : root.certificateAuthorities()) {
            certificateAuthorities.add(new CertificateAuthority(chain(ca), ca.validFor().start(), ca.validFor().end()));
        }
        this.timestampAuthorities = new ArrayList<>();
        for (CertificateAuthorityInfo tsa : root.timestampAuthorities()) {
            timestampAuthorities.add(new TimestampAuthority(chain(tsa), tsa.validFor().start(), tsa.validFor().end()));
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
            NoteVerifier note = checkpoints ? NoteVerifier.forLogKey(log.host(), verifier.key()) : null;
            out.add(new Log(log, verifier, note));
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
