package dev.hallmark.core.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.intoto.PackageUrl;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.intoto.Subject;
import dev.hallmark.core.json.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks npm makes on a provenance bundle before it uploads it ({@code libnpmpublish}, npm.md §4): the bundle
 * carries a DSSE in-toto statement with exactly one subject, naming this package version by purl and this tarball by
 * sha512. The registry repeats them on publish; cryptographic verification comes after, in the verifier.
 */
public final class ProvenanceSubjectCheck {

    public enum Reason {
        /** npm: "Invalid provenance provided". */
        NOT_JSON,
        /** npm: "No dsseEnvelope with payload found in sigstore bundle". */
        NO_DSSE_ENVELOPE,
        /** npm: "Failed to parse payload from dsseEnvelope". */
        PAYLOAD_NOT_A_STATEMENT,
        /** npm: "No subject found in sigstore bundle payload". */
        NO_SUBJECT,
        /** npm: "Found more than one subject in the sigstore bundle payload". */
        MULTIPLE_SUBJECTS,
        /** npm: "Provenance subject … does not match the package". */
        SUBJECT_NAME_MISMATCH,
        /** npm: "Provenance subject digest does not match the package". */
        SUBJECT_DIGEST_MISMATCH,
    }

    /** A failed check, with npm's reason. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        Failure(Reason reason, String message) {
            super(message);
            this.reason = Objects.requireNonNull(reason);
        }

        public Reason reason() {
            return reason;
        }
    }

    private ProvenanceSubjectCheck() {
    }

    /** Returns the statement when the bundle's single subject is {@code name@version} with this tarball's sha512. */
    public static Statement check(byte[] bundleJson, String name, String version, Digest tarballSha512) throws Failure {
        if (tarballSha512.algorithm() != HashAlgorithm.SHA2_512) {
            throw new IllegalArgumentException("npm subjects are sha512");
        }
        JsonNode bundle;
        try {
            bundle = Json.parse(bundleJson, BundleCodec.MAX_BYTES);
        } catch (FormatException e) {
            throw new Failure(Reason.NOT_JSON, "Invalid provenance provided");
        }
        Bytes payload;
        try {
            Optional<Bytes> maybe = bundle.isObject() && bundle.path("dsseEnvelope").isObject()
                    ? Json.optionalBase64(bundle.get("dsseEnvelope"), "payload") : Optional.empty();
            payload = maybe.filter(p -> !p.isEmpty()).orElseThrow(() -> new FormatException("no payload"));
        } catch (FormatException e) {
            throw new Failure(Reason.NO_DSSE_ENVELOPE, "No dsseEnvelope with payload found in sigstore bundle");
        }
        JsonNode subjects;
        try {
            subjects = Json.parseObject(payload.toArray(), Statement.MAX_BYTES).path("subject");
        } catch (FormatException e) {
            throw new Failure(Reason.PAYLOAD_NOT_A_STATEMENT, "Failed to parse payload from dsseEnvelope");
        }
        if (!subjects.isArray() || subjects.isEmpty()) {
            throw new Failure(Reason.NO_SUBJECT, "No subject found in sigstore bundle payload");
        }
        if (subjects.size() > 1) {
            throw new Failure(Reason.MULTIPLE_SUBJECTS, "Found more than one subject in the sigstore bundle payload");
        }
        Statement statement;
        try {
            statement = Statement.parse(payload);
        } catch (FormatException e) {
            throw new Failure(Reason.PAYLOAD_NOT_A_STATEMENT, "Failed to parse payload from dsseEnvelope: " + e.getMessage());
        }
        Subject subject = statement.subjects().get(0);
        String purl = new PackageUrl(name, version).toString();
        if (!purl.equals(subject.name())) {
            throw new Failure(Reason.SUBJECT_NAME_MISMATCH, "Provenance subject " + subject.name() + " does not match the package: " + purl);
        }
        if (!subject.digest().get(HashAlgorithm.SHA2_512).map(tarballSha512::equals).orElse(false)) {
            throw new Failure(Reason.SUBJECT_DIGEST_MISMATCH, "Provenance subject digest does not match the package");
        }
        return statement;
    }
}
