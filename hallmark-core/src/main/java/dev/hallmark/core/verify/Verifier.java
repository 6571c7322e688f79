package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.*;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleContent;
import dev.hallmark.core.bundle.DsseContent;
import dev.hallmark.core.bundle.KeyMaterial;
import dev.hallmark.core.bundle.MessageSignature;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.ValidityPeriod;
import dev.hallmark.core.tsp.VerifiedTimestamp;
import dev.hallmark.core.tsp.TimestampException;
import dev.hallmark.core.tsp.TimestampVerifier;
import dev.hallmark.core.verify.VerificationResult.TrustedTime;
import dev.hallmark.core.verify.VerificationResult.VerifiedLogEntry;
import dev.hallmark.core.verify.VerificationResult.VerifiedSigner;
import java.security.PublicKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies Sigstore bundles against one trusted root (sigstore.md §8). Built once from trust material and options;
 * each call names the artifact and the expected signer in a {@link Policy}. Thread-safe.
 */
public final class Verifier {
    private final TrustMaterial trust;
    private final VerifierOptions options;
    private final InstantSource clock;
    private final TlogEntryVerifier tlogs;
    private final CertificateVerifier certificates;
    private final TimestampVerifier timestamps;

    private Verifier(TrustMaterial trust, VerifierOptions options, InstantSource clock) {
        this.trust = trust;
        this.options = options;
        this.clock = clock;
        this.tlogs = new TlogEntryVerifier(trust, options.clockSkew());
        this.certificates = new CertificateVerifier(trust, options.ctlogThreshold());
        this.timestamps = TimestampVerifier.create(trust.timestampAuthorities);
    }

    /** Parses every key and certificate of the root once; a root that does not parse is refused whole. */
    public static Verifier create(TrustedRoot root, VerifierOptions options, InstantSource clock) throws FormatException {
        return new Verifier(new TrustMaterial(root), Objects.requireNonNull(options), Objects.requireNonNull(clock));
    }

    public VerificationResult verify(Bundle bundle, Policy policy) throws VerificationException {
        Instant now = clock.instant();
        BundleContent content = bundle.content();
        Bytes signature = switch (content) {
            case MessageSignature m -> m.signature();
            case DsseContent d -> d.envelope().signatures().get(0).sig();
        };
        SignerMaterial signer = SignerMaterial.of(bundle, policy);

        // Step 2: trusted times, from RFC 3161 timestamps and from log entries whose SET verifies.
        Set<TrustedTime> times = new LinkedHashSet<>();
        for (Bytes token : bundle.verificationMaterial().rfc3161Timestamps()) {
            times.add(verifyTimestamp(token, signature, now));
        }
        List<TlogEntry> entries = bundle.verificationMaterial().tlogEntries();
        Map<TlogEntry, TrustMaterial.Log> promisedBy = tlogs.verifyPromises(entries, now);
        promisedBy.forEach((entry, log) -> times.add(new TrustedTime(
                Instant.ofEpochSecond(entry.integratedTime()), TrustedTime.Source.TLOG_INTEGRATED_TIME, log.log().baseUrl())));
        List<Instant> trustedTimes = times.stream().map(TrustedTime::time).toList();

        // Step 4: each entry's inclusion, then what it records.
        List<VerifiedLogEntry> verifiedEntries = tlogs.verifyInclusions(entries, promisedBy, trustedTimes, content, signer.der(), policy.artifact());
        if (verifiedEntries.size() < options.tlogThreshold()) {
            throw new VerificationException(TLOG_THRESHOLD_NOT_MET,
                    verifiedEntries.size() + " distinct verified log entries, " + options.tlogThreshold() + " required");
        }
        if (times.size() < options.timestampThreshold()) {
            throw new VerificationException(TIMESTAMP_THRESHOLD_NOT_MET, times.size() + " trusted times, " + options.timestampThreshold() + " required");
        }

        // Step 3: the signer was trusted at every trusted time.
        VerifiedSigner verifiedSigner = switch (signer) {
            case SignerMaterial.Certificate c -> new VerifiedSigner.Certificate(certificates.verify(c.leaf(), c.intermediates(), trustedTimes));
            case SignerMaterial.Key k -> {
                Optional<Instant> outside = trustedTimes.stream().filter(t -> k.validFor().map(v -> !v.contains(t)).orElse(false)).findFirst();
                if (outside.isPresent()) {
                    throw new VerificationException(PUBLIC_KEY_NOT_VALID_AT_SIGNING_TIME, "the key is not valid at " + outside.get());
                }
                yield new VerifiedSigner.Key(k.key());
            }
        };

        // Step 5: the signature over the artifact or the DSSE envelope.
        PublicKeyVerifier key = signer.verifier();
        Optional<Statement> statement = switch (content) {
            case MessageSignature m -> {
                ContentVerifier.verifyMessage(m, key, policy.artifact());
                yield Optional.empty();
            }
            case DsseContent d -> Optional.of(ContentVerifier.verifyDsse(d.envelope(), key, policy.artifact()));
        };

        // Step 6: who signed.
        if (verifiedSigner instanceof VerifiedSigner.Certificate c
                && policy.signer() instanceof Policy.ExpectedSigner.Certificate expected) {
            IdentityMatcher.match(c.certificate(), expected.identity());
        }
        return new VerificationResult(bundle.version(), verifiedSigner, statement, List.copyOf(times), verifiedEntries);
    }

    private TrustedTime verifyTimestamp(Bytes token, Bytes signature, Instant now) throws VerificationException {
        try {
            VerifiedTimestamp verified = timestamps.verify(token, signature);
            if (verified.genTime().isAfter(now.plus(options.clockSkew()))) {
                throw new VerificationException(TIMESTAMP_INVALID, "timestamp " + verified.genTime() + " is in the future");
            }
            return new TrustedTime(verified.genTime(), TrustedTime.Source.RFC3161_TIMESTAMP, trust.timestampAuthorityUris.get(verified.authority()));
        } catch (TimestampException e) {
            throw new VerificationException(TIMESTAMP_INVALID, "RFC 3161 timestamp: " + e.getMessage());
        }
    }

    /** The bundle's signer: a certificate chain, or the policy's key for a bundle that names one by hint. */
    sealed interface SignerMaterial {
        Bytes der();

        PublicKeyVerifier verifier() throws VerificationException;

        record Certificate(java.security.cert.X509Certificate leaf, List<java.security.cert.X509Certificate> intermediates, Bytes der)
                implements SignerMaterial {
            @Override
            public PublicKeyVerifier verifier() throws VerificationException {
                return verifierFor(leaf.getPublicKey());
            }
        }

        record Key(PublicKey key, Optional<ValidityPeriod> validFor, Bytes der) implements SignerMaterial {
            @Override
            public PublicKeyVerifier verifier() throws VerificationException {
                return verifierFor(key);
            }
        }

        static SignerMaterial of(Bundle bundle, Policy policy) throws VerificationException {
            KeyMaterial material = bundle.verificationMaterial().keyMaterial();
            if (material instanceof KeyMaterial.PublicKeyHint hint) {
                if (!(policy.signer() instanceof Policy.ExpectedSigner.Key expected)) {
                    throw new VerificationException(PUBLIC_KEY_REQUIRED, "bundle is signed with a managed key; a public key must be given");
                }
                if (bundle.content() instanceof DsseContent d) {
                    String keyid = d.envelope().signatures().get(0).keyid();
                    if (!hint.hint().isEmpty() && !keyid.isEmpty() && !hint.hint().equals(keyid)) {
                        throw new VerificationException(PUBLIC_KEY_MISMATCH, "key hint " + hint.hint() + " differs from the DSSE keyid " + keyid);
                    }
                }
                return new Key(expected.key(), expected.validFor(), Keys.spki(expected.key()));
            }
            if (policy.signer() instanceof Policy.ExpectedSigner.Key) {
                throw new VerificationException(PUBLIC_KEY_MISMATCH, "a public key was given but the bundle is signed with a certificate");
            }
            List<Bytes> ders = switch (material) {
                case KeyMaterial.Certificate c -> List.of(c.der());
                case KeyMaterial.CertificateChain c -> c.certificates();
                case KeyMaterial.PublicKeyHint h -> throw new IllegalStateException("handled above");
            };
            List<java.security.cert.X509Certificate> chain = CertificateVerifier.parseBundleChain(ders);
            return new Certificate(chain.get(0), chain.subList(1, chain.size()), ders.get(0));
        }

        private static PublicKeyVerifier verifierFor(PublicKey key) throws VerificationException {
            try {
                return SignatureAlgorithm.defaultFor(key).verifier(key);
            } catch (FormatException e) {
                throw new VerificationException(CERTIFICATE_MALFORMED, "unsupported signing key: " + e.getMessage());
            }
        }
    }

    static void checkSignature(PublicKeyVerifier key, byte[] message, Bytes signature) throws VerificationException {
        try {
            key.verify(message, signature.toArray());
        } catch (BadSignatureException e) {
            throw new VerificationException(SIGNATURE_INVALID, e.getMessage());
        }
    }
}
