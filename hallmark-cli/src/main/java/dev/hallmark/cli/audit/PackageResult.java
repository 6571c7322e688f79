package dev.hallmark.cli.audit;

import dev.hallmark.core.x509.FulcioCertificate;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the audit found for one package version: its registry signature, its attestations, and the policy verdict. */
public record PackageResult(Lockfile.LockedPackage pkg, URI registry, Signature signature, Attestations attestations,
                            List<String> policyFailures) {
    public PackageResult {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(attestations, "attestations");
        policyFailures = List.copyOf(policyFailures);
    }

    /** Why a package is invalid: npm's reasons (pacote error codes) and the audit's own. */
    public enum Reason {
        MISSING_SIGNATURE_KEY, EXPIRED_SIGNATURE_KEY, INTEGRITY_SIGNATURE_INVALID, ATTESTATION_SUBJECT_MISMATCH,
        ATTESTATION_INVALID,
        /** The lockfile's integrity is not the registry's {@code dist.integrity}: a different tarball was installed. */
        LOCKFILE_INTEGRITY_MISMATCH,
        /** The registry does not have this version, or its packument is malformed. */
        VERSION_NOT_FOUND,
        /** The registry could not be read (network, HTTP status, size limit). */
        FETCH_FAILED,
    }

    public sealed interface Signature {
        record Verified(String keyid) implements Signature {
        }

        /** The version has no signature although the registry lists keys, or the registry lists none. */
        record Missing(boolean registryHasKeys) implements Signature {
        }

        record Invalid(Reason reason, String message) implements Signature {
        }
    }

    public sealed interface Attestations {
        /** Every attestation verified; {@code provenance} is the provenance signer's certificate when there is one. */
        record Verified(Optional<FulcioCertificate> provenance, List<String> predicateTypes) implements Attestations {
            public Verified {
                Objects.requireNonNull(provenance, "provenance");
                predicateTypes = List.copyOf(predicateTypes);
            }
        }

        record Missing() implements Attestations {
        }

        record Invalid(Reason reason, String message) implements Attestations {
        }
    }

    public Optional<FulcioCertificate> provenance() {
        return attestations instanceof Attestations.Verified v ? v.provenance() : Optional.empty();
    }

    /** Whether this package makes the audit fail: anything invalid, a missing signature where keys exist, or policy. */
    public boolean failed() {
        return signature instanceof Signature.Invalid || attestations instanceof Attestations.Invalid
                || signature instanceof Signature.Missing m && m.registryHasKeys() || !policyFailures.isEmpty();
    }
}
