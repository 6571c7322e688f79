package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.*;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.BundleContent;
import dev.hallmark.core.bundle.DsseContent;
import dev.hallmark.core.bundle.MessageSignature;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.Pae;
import dev.hallmark.core.rekor.DsseV001;
import dev.hallmark.core.rekor.DsseV002;
import dev.hallmark.core.rekor.EntryBody;
import dev.hallmark.core.rekor.HashedRekordV001;
import dev.hallmark.core.rekor.HashedRekordV002;
import dev.hallmark.core.rekor.IntotoV002;
import java.util.Optional;

/**
 * Checks that a log entry records this bundle's signing event (sigstore.md §8 step 4.4): same signature, same
 * signer, same artifact digest or payload. Certificates and keys are compared as DER, never as PEM text.
 */
final class EntryBodyMatcher {
    private EntryBodyMatcher() {
    }

    /**
     * @param signerDer the bundle's leaf certificate DER, or the SPKI DER of the verifying key
     * @param artifact  what the caller says was signed, for hashedrekord digests
     */
    static void match(TlogEntry entry, BundleContent content, Bytes signerDer, Artifact artifact) throws VerificationException {
        EntryBody body;
        try {
            body = EntryBody.parse(entry.canonicalizedBody());
        } catch (FormatException e) {
            throw new VerificationException(TLOG_BODY_MALFORMED, "log entry body: " + e.getMessage());
        }
        if (!body.kind().equals(entry.kind()) || !body.apiVersion().equals(entry.version())) {
            throw new VerificationException(TLOG_BODY_MISMATCH, "entry says " + entry.kind() + "/" + entry.version()
                    + " but its body is " + body.kind() + "/" + body.apiVersion());
        }
        switch (body) {
            case HashedRekordV001 h -> {
                MessageSignature message = requireMessage(content, body);
                same(h.signature(), message.signature(), "signature");
                same(h.verifier().der(), signerDer, "signing certificate or key");
                same(h.data().value(), artifactDigest(artifact, h.data().algorithm()).value(), "artifact digest");
            }
            case HashedRekordV002 h -> {
                same(h.verifier().key().der(), signerDer, "signing certificate or key");
                switch (content) {
                    case MessageSignature m -> {
                        same(h.signature(), m.signature(), "signature");
                        same(h.data().value(), artifactDigest(artifact, h.data().algorithm()).value(), "artifact digest");
                    }
                    case DsseContent d -> {
                        // Rekor v2 logs DSSE as a hashedrekord over the PAE (sigstore.md §4.1).
                        Envelope envelope = d.envelope();
                        same(h.signature(), envelope.signatures().get(0).sig(), "signature");
                        Digest pae = h.data().algorithm().digest(Pae.encode(envelope.payloadType(), envelope.payload()));
                        same(h.data().value(), pae.value(), "DSSE PAE digest");
                    }
                }
            }
            case DsseV001 dsse -> {
                Envelope envelope = requireDsse(content, body);
                if (dsse.signatures().size() != 1) {
                    throw new VerificationException(TLOG_BODY_MISMATCH, "dsse entry must record exactly one signature");
                }
                same(dsse.signatures().get(0).signature(), envelope.signatures().get(0).sig(), "signature");
                same(dsse.signatures().get(0).verifier().der(), signerDer, "signing certificate or key");
                same(dsse.payloadHash().value(), HashAlgorithm.SHA2_256.digest(envelope.payload()).value(), "payload hash");
            }
            case IntotoV002 intoto -> {
                Envelope envelope = requireDsse(content, body);
                if (intoto.signatures().size() != 1) {
                    throw new VerificationException(TLOG_BODY_MISMATCH, "intoto entry must record exactly one signature");
                }
                // intoto stores the signature base64 twice over; decoded once more it is the bundle's signature.
                same(intoto.signatures().get(0).rawSignature(), envelope.signatures().get(0).sig(), "signature");
                same(intoto.signatures().get(0).publicKey().der(), signerDer, "signing certificate or key");
                same(intoto.payloadHash().value(), HashAlgorithm.SHA2_256.digest(envelope.payload()).value(), "payload hash");
            }
            case DsseV002 ignored -> throw new VerificationException(TLOG_KIND_UNSUPPORTED,
                    "dsse/0.0.2 is deprecated: Rekor v2 logs DSSE as hashedrekord/0.0.2");
        }
    }

    private static MessageSignature requireMessage(BundleContent content, EntryBody body) throws VerificationException {
        if (content instanceof MessageSignature m) {
            return m;
        }
        throw new VerificationException(TLOG_BODY_MISMATCH, body.kind() + " entry cannot record a DSSE envelope");
    }

    private static Envelope requireDsse(BundleContent content, EntryBody body) throws VerificationException {
        if (content instanceof DsseContent d) {
            return d.envelope();
        }
        throw new VerificationException(TLOG_BODY_MISMATCH, body.kind() + " entry cannot record a message signature");
    }

    private static Digest artifactDigest(Artifact artifact, HashAlgorithm algorithm) throws VerificationException {
        Optional<Digest> digest = artifact.digest(algorithm);
        if (digest.isEmpty()) {
            throw new VerificationException(ARTIFACT_DIGEST_MISMATCH, "log entry records a " + algorithm + " digest, the artifact was given otherwise");
        }
        return digest.get();
    }

    private static void same(Bytes inLog, Bytes inBundle, String what) throws VerificationException {
        if (!inLog.equals(inBundle)) {
            throw new VerificationException(TLOG_BODY_MISMATCH, "log entry " + what + " differs from the bundle's");
        }
    }
}
