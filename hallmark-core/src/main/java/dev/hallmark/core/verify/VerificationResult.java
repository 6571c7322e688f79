package dev.hallmark.core.verify;

import dev.hallmark.core.bundle.BundleVersion;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.x509.FulcioCertificate;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The evidence a successful verification established (STYLE: verification returns what it proved). */
public record VerificationResult(
        BundleVersion bundleVersion,
        VerifiedSigner signer,
        Optional<Statement> statement,
        List<TrustedTime> trustedTimes,
        List<VerifiedLogEntry> logEntries) {
    public VerificationResult {
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(statement, "statement");
        trustedTimes = List.copyOf(trustedTimes);
        logEntries = List.copyOf(logEntries);
    }

    public sealed interface VerifiedSigner {
        record Certificate(FulcioCertificate certificate) implements VerifiedSigner {
        }

        record Key(PublicKey key) implements VerifiedSigner {
        }
    }

    /** A time the signature is known to have existed at, and who vouches for it. */
    public record TrustedTime(Instant time, Source source, String authority) {
        public enum Source { TLOG_INTEGRATED_TIME, RFC3161_TIMESTAMP }
    }

    /** A log entry whose inclusion (proof or promise) verified. */
    public record VerifiedLogEntry(String logBaseUrl, long logIndex, String kind, String version, boolean inclusionProofVerified,
                                   boolean inclusionPromiseVerified) {
    }
}
