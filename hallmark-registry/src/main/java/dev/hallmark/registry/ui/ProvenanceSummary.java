package dev.hallmark.registry.ui;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.KeyMaterial;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.FulcioCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the package page shows of a version's provenance: the signing certificate's build facts (sigstore.md §1.3,
 * OIDs 1.3.6.1.4.1.57264.1.8–.21) and where the signature was logged. The bundle was verified in full when the version
 * was published (the registry refuses anything else), so here it is only read, never trusted anew.
 *
 * @param signer the certificate's subjectAltName: the workflow identity that signed
 * @param sourceCommit 1.13, the commit the build ran on
 * @param buildConfigUri 1.18, the workflow file at its ref
 * @param runInvocationUri 1.21, the CI run
 */
record ProvenanceSummary(
        String signer,
        Optional<String> issuer,
        Optional<String> sourceRepository,
        Optional<String> sourceCommit,
        Optional<String> sourceRef,
        Optional<String> buildConfigUri,
        Optional<String> runInvocationUri,
        Optional<String> runnerEnvironment,
        Optional<LogEntryRef> logEntry) {

    ProvenanceSummary {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(sourceRepository, "sourceRepository");
        Objects.requireNonNull(sourceCommit, "sourceCommit");
        Objects.requireNonNull(sourceRef, "sourceRef");
        Objects.requireNonNull(buildConfigUri, "buildConfigUri");
        Objects.requireNonNull(runInvocationUri, "runInvocationUri");
        Objects.requireNonNull(runnerEnvironment, "runnerEnvironment");
        Objects.requireNonNull(logEntry, "logEntry");
    }

    /** A bundle's first transparency log entry: the log (by ID), the index and, for Rekor v1, the integrated time. */
    record LogEntryRef(long index, Bytes logId, Optional<Instant> integratedTime) {
        LogEntryRef {
            if (index < 0) {
                throw new IllegalArgumentException("negative log index");
            }
            Objects.requireNonNull(logId, "logId");
            Objects.requireNonNull(integratedTime, "integratedTime");
        }

        static LogEntryRef of(TlogEntry entry) {
            return new LogEntryRef(entry.logIndex(), entry.logId(), entry.integratedTime() == 0 ? Optional.empty()
                    : Optional.of(Instant.ofEpochSecond(entry.integratedTime())));
        }
    }

    /** Reads a provenance bundle, which is signed with a Fulcio certificate (npm.md §7.1). */
    static ProvenanceSummary parse(String bundleJson) throws FormatException {
        Bundle bundle = BundleCodec.parse(bundleJson.getBytes(StandardCharsets.UTF_8));
        Bytes der = switch (bundle.verificationMaterial().keyMaterial()) {
            case KeyMaterial.Certificate c -> c.der();
            case KeyMaterial.CertificateChain chain when !chain.certificates().isEmpty() -> chain.certificates().get(0);
            case KeyMaterial.CertificateChain chain -> throw new FormatException("empty certificate chain");
            case KeyMaterial.PublicKeyHint hint -> throw new FormatException("provenance is signed by a certificate");
        };
        FulcioCertificate cert = FulcioCertificate.parse(Certificates.parseDer(der));
        return new ProvenanceSummary(cert.san().value(), cert.issuer(), cert.sourceRepositoryUri(),
                cert.sourceRepositoryDigest(), cert.sourceRepositoryRef(), cert.buildConfigUri(),
                cert.runInvocationUri(), cert.runnerEnvironment(), logEntry(bundle));
    }

    /** The log entry of any bundle, e.g. the registry's publish attestation (keyed, npm.md §7.2). */
    static Optional<LogEntryRef> logEntryOf(String bundleJson) throws FormatException {
        return logEntry(BundleCodec.parse(bundleJson.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<LogEntryRef> logEntry(Bundle bundle) {
        return bundle.verificationMaterial().tlogEntries().stream().findFirst().map(LogEntryRef::of);
    }

    /** Where the build ran, from the OIDC issuer of the certificate (Fulcio's known CI issuers). */
    String platform() {
        return switch (issuer.orElse("")) {
            case "https://token.actions.githubusercontent.com" -> "GitHub Actions";
            case "https://gitlab.com" -> "GitLab CI/CD";
            default -> issuer.map(i -> "CI (" + i + ")").orElse("CI");
        };
    }
}
