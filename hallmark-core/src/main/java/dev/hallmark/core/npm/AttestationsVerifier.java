package dev.hallmark.core.npm;

import static dev.hallmark.core.npm.NpmCheckException.Reason.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.DsseContent;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.intoto.PackageUrl;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.intoto.Subject;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@code GET /-/npm/v1/attestations/<name>@<version>} response the way pacote does (npm.md §7, §13): each
 * bundle's subject is this package version and tarball, keyed bundles use a listed, unexpired registry key, and every
 * bundle verifies. Unlike npm it can also require an identity for the provenance signer.
 */
public final class AttestationsVerifier {
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final Verifier verifier;
    private final RegistryKeys keys;

    public AttestationsVerifier(Verifier verifier, RegistryKeys keys) {
        this.verifier = verifier;
        this.keys = keys;
    }

    /** One verified attestation: its predicate type and what verification established. */
    public record VerifiedAttestation(String predicateType, VerificationResult result) {
    }

    /**
     * @param sha512             the tarball digest from {@code dist.integrity}
     * @param provenanceIdentity the signer the keyless (provenance) bundles must have; empty accepts any, as npm does
     */
    public List<VerifiedAttestation> verify(byte[] response, String name, String version, Digest sha512,
                                            Optional<CertificateIdentity> provenanceIdentity) throws NpmCheckException {
        JsonNode attestations;
        try {
            attestations = Json.parseObject(response, MAX_RESPONSE_BYTES).get("attestations");
        } catch (FormatException e) {
            throw new NpmCheckException(ATTESTATION_INVALID, name + "@" + version + ": malformed attestations response: " + e.getMessage());
        }
        if (attestations == null || !attestations.isArray()) {
            throw new NpmCheckException(ATTESTATION_INVALID, name + "@" + version + ": attestations response has no attestations array");
        }
        List<VerifiedAttestation> out = new ArrayList<>();
        for (JsonNode item : attestations) {
            out.add(verifyOne(item, name, version, sha512, provenanceIdentity));
        }
        return out;
    }

    private VerifiedAttestation verifyOne(JsonNode item, String name, String version, Digest sha512,
                                          Optional<CertificateIdentity> identity) throws NpmCheckException {
        String what = name + "@" + version;
        Bundle bundle;
        Statement statement;
        try {
            bundle = BundleCodec.parse(Json.write(Json.requireObject(item, "bundle")));
            if (!(bundle.content() instanceof DsseContent dsse)) {
                throw new NpmCheckException(ATTESTATION_INVALID, what + ": attestation bundle has no DSSE envelope");
            }
            statement = Statement.parse(dsse.envelope().payload());
        } catch (FormatException e) {
            throw new NpmCheckException(ATTESTATION_INVALID, what + " failed to verify attestation: " + e.getMessage());
        }
        DsseContent dsse = (DsseContent) bundle.content();
        String keyid = dsse.envelope().signatures().get(0).keyid();
        Optional<RegistryKey> key = Optional.empty();
        if (!keyid.isEmpty()) {
            key = keys.find(keyid);
            if (key.isEmpty()) {
                throw new NpmCheckException(MISSING_SIGNATURE_KEY, what + " has attestations with keyid: " + keyid
                        + " but no corresponding public key can be found");
            }
        }
        checkSubject(statement, name, version, sha512);
        Policy.Builder policy = Policy.forDigest(sha512);
        // A registry key covers what was signed before it expired (npm: time < expires). The verifier checks that
        // against the trusted times it establishes, never against a time the bundle merely states.
        Policy complete = key.isPresent() ? policy.requireKey(key.get().key(), key.get().validity())
                : identity.map(policy::requireIdentity).orElseGet(policy::withoutIdentityUnsafe);
        try {
            return new VerifiedAttestation(statement.predicateType(), verifier.verify(bundle, complete));
        } catch (VerificationException e) {
            if (e.reason() == VerificationException.Reason.PUBLIC_KEY_NOT_VALID_AT_SIGNING_TIME) {
                throw new NpmCheckException(EXPIRED_SIGNATURE_KEY, what + " has attestations with keyid: " + keyid
                        + " but the corresponding public key has expired " + key.orElseThrow().expires().orElseThrow());
            }
            throw new NpmCheckException(ATTESTATION_INVALID, what + " failed to verify attestation: " + e.getMessage());
        }
    }

    /** pacote compares the first subject's purl and sha512 with the package (npm.md §5). */
    private static void checkSubject(Statement statement, String name, String version, Digest sha512) throws NpmCheckException {
        String purl = new PackageUrl(name, version).toString();
        if (statement.subjects().isEmpty()) {
            throw new NpmCheckException(ATTESTATION_SUBJECT_MISMATCH, "attestation has no subject");
        }
        // Name and digest both come from the first subject, so one subject's name cannot vouch for another's tarball.
        Subject subject = statement.subjects().get(0);
        if (!purl.equals(subject.name())) {
            throw new NpmCheckException(ATTESTATION_SUBJECT_MISMATCH, "package name and version (PURL): " + purl
                    + " doesn't match what was signed: " + subject.name());
        }
        if (!subject.digest().get(HashAlgorithm.SHA2_512).map(sha512::equals).orElse(false)) {
            throw new NpmCheckException(ATTESTATION_SUBJECT_MISMATCH, "package integrity (hex digest): " + sha512.hex()
                    + " doesn't match what was signed");
        }
    }
}
