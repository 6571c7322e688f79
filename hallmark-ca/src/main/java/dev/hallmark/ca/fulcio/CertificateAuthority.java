package dev.hallmark.ca.fulcio;

import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.ca.keys.CaChain;
import dev.hallmark.ca.keys.CertificateTemplates;
import dev.hallmark.ca.oidc.VerifiedToken;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.x509.CertificateCheckException;
import dev.hallmark.core.x509.ChainValidator;
import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fulcio's issuance (sigstore.md §1.4): principal from the verified token, precertificate with the poison extension,
 * {@code add-pre-chain} to the CT log, final certificate with the SCT embedded, all signed by the intermediate. Every
 * certificate is checked before it leaves: its identity re-parsed with hallmark-core, its chain validated, its SCT
 * verified; a failure withholds it (SELF_CHECK_FAILED). Thread-safe.
 */
public final class CertificateAuthority {
    /** sigstore.md §1.2: notAfter = notBefore + 10 minutes. */
    public static final Duration LEAF_VALIDITY = Duration.ofMinutes(10);

    private final CaChain chain;
    private final PrecertificateLog log;
    private final IdentityProfiles profiles;
    private final InstantSource clock;
    private final LeafTemplate template;
    private final ChainValidator validator;
    private final PublicKeyVerifier logKey;
    private final Bytes logId;

    private CertificateAuthority(CaChain chain, PrecertificateLog log, IdentityProfiles profiles, InstantSource clock) {
        this.chain = chain;
        this.log = log;
        this.profiles = profiles;
        this.clock = clock;
        this.template = new LeafTemplate(chain);
        this.validator = ChainValidator.forCodeSigning(List.of(chain.authority()));
        try {
            this.logKey = SignatureAlgorithm.defaultFor(log.publicKey()).verifier(log.publicKey());
        } catch (FormatException e) {
            throw new IllegalArgumentException("unsupported CT log key", e);
        }
        this.logId = HashAlgorithm.SHA2_256.digest(Keys.spki(log.publicKey())).value();
    }

    public static CertificateAuthority create(CaChain chain, PrecertificateLog log, IdentityProfiles profiles, InstantSource clock) {
        return new CertificateAuthority(Objects.requireNonNull(chain, "chain"), Objects.requireNonNull(log, "log"),
                Objects.requireNonNull(profiles, "profiles"), Objects.requireNonNull(clock, "clock"));
    }

    public CaChain chain() {
        return chain;
    }

    /**
     * Issues a leaf for {@code key} naming the token's identity. The caller has verified the token and the proof of
     * possession; {@link SubjectKey} guarantees the key passed the key checks.
     */
    public IssuedCertificate issue(VerifiedToken token, SubjectKey key) throws IssuanceException {
        Principal principal = profiles.forIssuer(token.issuer()).principal(token);
        BigInteger serial = CertificateTemplates.randomSerial();
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LeafTemplate.Fields fields = new LeafTemplate.Fields(principal, key.publicKey(), serial, notBefore, notBefore.plus(LEAF_VALIDITY));

        X509Certificate precertificate = template.precertificate(fields);
        SignedCertificateTimestamp sct = submit(precertificate);
        X509Certificate leaf = template.withSct(fields, sct);
        selfCheck(leaf, principal, sct);
        List<X509Certificate> issued = new ArrayList<>(3);
        issued.add(leaf);
        issued.addAll(chain.certificates());
        return new IssuedCertificate(issued, sct);
    }

    private SignedCertificateTimestamp submit(X509Certificate precertificate) throws IssuanceException {
        List<X509Certificate> submission = new ArrayList<>(3);
        submission.add(precertificate);
        submission.addAll(chain.certificates());
        SignedCertificateTimestamp sct;
        try {
            sct = log.submit(List.copyOf(submission));
        } catch (CtSubmissionException | RuntimeException e) {
            throw new IssuanceException(Reason.CT_LOG_FAILED, "the CT log did not log the precertificate", e);
        }
        if (sct == null || sct.version() != 0 || !sct.logId().equals(logId)) {
            throw new IssuanceException(Reason.CT_LOG_FAILED, "the CT log returned an SCT of another log or version");
        }
        return sct;
    }

    /** STYLE "check your own outputs": the certificate must read back as issued, chain, and carry a valid SCT. */
    private void selfCheck(X509Certificate leaf, Principal principal, SignedCertificateTimestamp sct) throws IssuanceException {
        try {
            FulcioCertificate parsed = FulcioCertificate.parse(leaf);
            if (!parsed.san().equals(principal.san()) || !parsed.extensions().equals(principal.extensions())) {
                throw new IssuanceException(Reason.SELF_CHECK_FAILED, "the issued identity does not read back");
            }
            validator.validate(leaf, List.of(), leaf.getNotBefore().toInstant());
            List<SignedCertificateTimestamp> embedded = SignedCertificateTimestamp.embedded(leaf);
            if (embedded.size() != 1 || !embedded.getFirst().equals(sct)) {
                throw new IssuanceException(Reason.SELF_CHECK_FAILED, "the SCT did not embed");
            }
            sct.verify(logKey, leaf, chain.intermediate());
        } catch (FormatException | CertificateCheckException e) {
            throw new IssuanceException(Reason.SELF_CHECK_FAILED, "the issued certificate failed its check", e);
        } catch (BadSignatureException e) {
            // the log signed something else than our TBS: a CT fault, not a CA one
            throw new IssuanceException(Reason.CT_LOG_FAILED, "the SCT does not verify over the certificate", e);
        }
    }
}
