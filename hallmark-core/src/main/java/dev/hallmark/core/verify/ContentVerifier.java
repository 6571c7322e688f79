package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.*;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.MessageSignature;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.Pae;
import dev.hallmark.core.intoto.Statement;
import java.util.Optional;

/** Step 5 of sigstore.md §8: the signature covers the artifact, or the DSSE envelope whose statement names it. */
final class ContentVerifier {
    static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private ContentVerifier() {
    }

    static void verifyMessage(MessageSignature message, PublicKeyVerifier key, Artifact artifact) throws VerificationException {
        // The bundle's digest is only a hint, but a hint that contradicts the artifact is a bad bundle.
        if (message.messageDigest().isPresent()) {
            Digest hint = message.messageDigest().get();
            Optional<Digest> actual = artifact.digest(hint.algorithm());
            if (actual.isPresent() && !actual.get().equals(hint)) {
                throw new VerificationException(ARTIFACT_DIGEST_MISMATCH, "bundle message digest differs from the artifact's");
            }
        }
        try {
            switch (artifact) {
                case Artifact.Content c -> key.verify(c.bytes().toArray(), message.signature().toArray());
                case Artifact.DigestOnly d -> key.verifyDigest(d.digest(), message.signature().toArray());
            }
        } catch (BadSignatureException e) {
            throw new VerificationException(SIGNATURE_INVALID, "signature over the artifact: " + e.getMessage());
        }
    }

    static Statement verifyDsse(Envelope envelope, PublicKeyVerifier key, Artifact artifact) throws VerificationException {
        if (!envelope.payloadType().equals(IN_TOTO_PAYLOAD_TYPE)) {
            throw new VerificationException(DSSE_PAYLOAD_TYPE_UNSUPPORTED, "payload type " + envelope.payloadType());
        }
        try {
            key.verify(Pae.encode(envelope.payloadType(), envelope.payload()).toArray(), envelope.signatures().get(0).sig().toArray());
        } catch (BadSignatureException e) {
            throw new VerificationException(SIGNATURE_INVALID, "DSSE signature: " + e.getMessage());
        }
        Statement statement;
        try {
            statement = Statement.parse(envelope.payload());
        } catch (FormatException e) {
            throw new VerificationException(STATEMENT_MALFORMED, e.getMessage());
        }
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            Optional<Digest> digest = artifact.digest(algorithm);
            if (digest.isPresent() && statement.hasSubjectDigest(digest.get())) {
                return statement;
            }
        }
        throw new VerificationException(SUBJECT_MISMATCH, "no subject of the statement has the artifact's digest");
    }
}
