package dev.hallmark.core.x509;

import dev.hallmark.core.FormatException;

import dev.hallmark.core.crypto.SignatureAlgorithm;

import dev.hallmark.core.crypto.PublicKeyVerifier;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.x509.CertificateCheckException.Reason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * Validates a leaf certificate up to a trusted CA chain at a given time (sigstore.md §8 step 3, RFC 5280 §6 reduced
 * to what Sigstore uses: names, signatures, validity, basic constraints, key usage, path length; no policies, no
 * name constraints, so a critical extension of either kind fails the path).
 *
 * <p>Built once from the trusted root's CAs: their internal links are checked at construction and never again, and
 * successful signature checks of CA certificates presented by bundles are remembered in a bounded cache, since the
 * same few intermediates recur. Leaf signatures are always checked: each bundle has its own leaf, and caching them
 * would only flatter a benchmark that verifies one bundle again and again. Thread-safe.
 *
 * <p>Certificates from the untrusted side (a bundle's chain) only ever serve as intermediates: self-issued ones are
 * dropped, so a root carried in a bundle can never anchor a path (sigstore.md §8 step 3.3).
 */
public final class ChainValidator {
    /** Signature checks one validation may spend while searching, so crafted chains cannot make it explode. */
    private static final int MAX_SIGNATURE_CHECKS = 32;
    private static final int LINK_CACHE_LIMIT = 8192;
    /** Critical extensions this validator understands (RFC 5280 §4.2: others make the certificate unusable). */
    private static final Set<String> HANDLED_CRITICAL = Set.of(
            "2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.35", "2.5.29.37", "2.5.29.32");

    private record Trusted(CertificateAuthority ca, Optional<CertificateCheckException> defect) {
    }

    private final List<Trusted> trusted;
    private final Optional<KeyPurpose> leafPurpose;
    private final Set<Bytes> verifiedLinks = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Bytes, PublicKeyVerifier> issuerVerifiers = new ConcurrentHashMap<>();

    private ChainValidator(List<Trusted> trusted, Optional<KeyPurpose> leafPurpose) {
        this.trusted = trusted;
        this.leafPurpose = leafPurpose;
    }

    /**
     * A validator for the given CAs. A CA whose own chain is broken (a link that does not verify, a non-CA
     * certificate) is kept but can never anchor a path; its defect is reported if a leaf chains into it.
     */
    public static ChainValidator create(List<CertificateAuthority> cas, Optional<KeyPurpose> leafPurpose) {
        Objects.requireNonNull(leafPurpose, "leafPurpose");
        List<Trusted> trusted = new ArrayList<>();
        for (CertificateAuthority ca : List.copyOf(cas)) {
            trusted.add(new Trusted(ca, defect(ca)));
        }
        return new ChainValidator(List.copyOf(trusted), leafPurpose);
    }

    /** A validator for Fulcio leaves, which must carry the codeSigning EKU (sigstore.md §8 step 3.4). */
    public static ChainValidator forCodeSigning(List<CertificateAuthority> cas) {
        return create(cas, Optional.of(KeyPurpose.CODE_SIGNING));
    }

    /** One-off validation without an EKU requirement; builds the CA state each call, so prefer {@link #create}. */
    public static ValidatedChain validate(X509Certificate leaf, List<X509Certificate> untrustedIntermediates,
            List<CertificateAuthority> cas, Instant at) throws CertificateCheckException {
        return create(cas, Optional.empty()).validate(leaf, untrustedIntermediates, at);
    }

    /**
     * Finds a path from {@code leaf} through the untrusted intermediates (any order; the leaf itself and roots may
     * be among them) to a trusted CA, valid at {@code at}: every certificate's validity and the CA's window contain
     * {@code at}, both ends inclusive.
     */
    public ValidatedChain validate(X509Certificate leaf, List<X509Certificate> untrustedIntermediates, Instant at)
            throws CertificateCheckException {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(at, "at");
        if (untrustedIntermediates.size() > Certificates.MAX_CHAIN_LENGTH) {
            throw new CertificateCheckException(Reason.PATH_TOO_LONG, "too many intermediate certificates");
        }
        Optional<CertificateCheckException> leafProblem = unsupportedCritical(leaf);
        if (leafProblem.isPresent()) {
            throw leafProblem.get();
        }
        if (leafPurpose.isPresent() && !FulcioCertificate.hasPurpose(leaf, leafPurpose.get())) {
            throw new CertificateCheckException(Reason.MISSING_EXTENDED_KEY_USAGE, "leaf lacks " + leafPurpose.get());
        }
        List<X509Certificate> pool = new ArrayList<>();
        for (X509Certificate c : untrustedIntermediates) {
            if (!Certificates.isSelfIssued(c) && !c.equals(leaf) && !pool.contains(c)) {
                pool.add(c);
            }
        }
        Search search = new Search(at, pool);
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        ValidatedChain result = extend(path, search);
        if (result != null) {
            return result;
        }
        throw search.best != null ? search.best
                : new CertificateCheckException(Reason.NOT_CHAINED_TO_TRUSTED_CA, "no issuer of " + leaf.getIssuerX500Principal());
    }

    private static final class Search {
        final Instant at;
        final List<X509Certificate> pool;
        int signatureChecks;
        CertificateCheckException best;

        Search(Instant at, List<X509Certificate> pool) {
            this.at = at;
            this.pool = pool;
        }

        /** Keeps the failure of the path that got furthest: reasons are declared from least to most specific. */
        void fail(CertificateCheckException e) {
            if (best == null || e.reason().ordinal() > best.reason().ordinal()) {
                best = e;
            }
        }
    }

    private ValidatedChain extend(List<X509Certificate> path, Search search) {
        X509Certificate current = path.getLast();
        X500Principal issuerName = current.getIssuerX500Principal();
        for (Trusted t : trusted) {
            List<X509Certificate> chain = t.ca().chain();
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate candidate = chain.get(i);
                if (!candidate.getSubjectX500Principal().equals(issuerName) || !signedBy(current, candidate, search)) {
                    continue;
                }
                if (t.defect().isPresent()) {
                    search.fail(t.defect().get());
                    continue;
                }
                List<X509Certificate> full = new ArrayList<>(path);
                full.addAll(chain.subList(i, chain.size()));
                Optional<CertificateCheckException> problem = completePathProblem(full, t.ca(), search.at);
                if (problem.isEmpty()) {
                    return new ValidatedChain(full, t.ca());
                }
                search.fail(problem.get());
            }
        }
        if (path.size() >= Certificates.MAX_CHAIN_LENGTH - 1) {
            search.fail(new CertificateCheckException(Reason.PATH_TOO_LONG, "path longer than " + Certificates.MAX_CHAIN_LENGTH));
            return null;
        }
        for (X509Certificate candidate : search.pool) {
            if (path.contains(candidate) || !candidate.getSubjectX500Principal().equals(issuerName)
                    || !signedBy(current, candidate, search)) {
                continue;
            }
            Optional<CertificateCheckException> problem = caProblem(candidate);
            if (problem.isPresent()) {
                search.fail(problem.get());
                continue;
            }
            path.add(candidate);
            ValidatedChain result = extend(path, search);
            if (result != null) {
                return result;
            }
            path.removeLast();
        }
        return null;
    }

    /** Checks a signature link, consulting and feeding the cache; a failed check is recorded as BAD_SIGNATURE. */
    private boolean signedBy(X509Certificate child, X509Certificate issuer, Search search) {
        Bytes key = HashAlgorithm.SHA2_256.digest(Certificates.encoded(child), issuer.getPublicKey().getEncoded()).value();
        if (child.getBasicConstraints() >= 0 && verifiedLinks.contains(key)) {
            return true;
        }
        if (++search.signatureChecks > MAX_SIGNATURE_CHECKS) {
            search.fail(new CertificateCheckException(Reason.PATH_TOO_LONG, "too many candidate paths"));
            return false;
        }
        if (!verifies(child, issuer)) {
            search.fail(new CertificateCheckException(Reason.BAD_SIGNATURE,
                    "signature of " + child.getSubjectX500Principal() + " does not verify with " + issuer.getSubjectX500Principal()));
            return false;
        }
        if (child.getBasicConstraints() >= 0) {
            if (verifiedLinks.size() >= LINK_CACHE_LIMIT) {
                verifiedLinks.clear(); // crude but bounded; the CA links never need the cache
            }
            verifiedLinks.add(key);
        }
        return true;
    }

    private boolean verifies(X509Certificate child, X509Certificate issuer) {
        return Certificates.signatureVerifies(child, issuer, issuerVerifier(issuer));
    }

    /**
     * A verifier per issuing key, kept so that the issuer's precomputed curve multiples are reused across leaves
     * (every Fulcio leaf is signed by one of a handful of intermediates).
     */
    private PublicKeyVerifier issuerVerifier(X509Certificate issuer) {
        Bytes spki = Bytes.of(issuer.getPublicKey().getEncoded());
        PublicKeyVerifier cached = issuerVerifiers.get(spki);
        if (cached != null) {
            return cached;
        }
        try {
            PublicKeyVerifier verifier = SignatureAlgorithm.defaultFor(issuer.getPublicKey()).verifier(issuer.getPublicKey());
            if (issuerVerifiers.size() < LINK_CACHE_LIMIT) {
                issuerVerifiers.put(spki, verifier);
            }
            return verifier;
        } catch (FormatException e) {
            return null; // an unusual key: the general path checks it
        }
    }

    /** Checks of a complete leaf-to-anchor path that depend on its shape and on the time. */
    private static Optional<CertificateCheckException> completePathProblem(List<X509Certificate> path, CertificateAuthority ca, Instant at) {
        if (path.size() > Certificates.MAX_CHAIN_LENGTH) {
            return Optional.of(new CertificateCheckException(Reason.PATH_TOO_LONG, "path longer than " + Certificates.MAX_CHAIN_LENGTH));
        }
        int intermediatesBelow = 0;
        for (int k = 1; k < path.size(); k++) {
            X509Certificate c = path.get(k);
            if (intermediatesBelow > c.getBasicConstraints()) { // JDK: MAX_VALUE when CA:TRUE has no pathLen
                return Optional.of(new CertificateCheckException(Reason.PATH_TOO_LONG,
                        c.getSubjectX500Principal() + " allows " + c.getBasicConstraints() + " intermediates below it"));
            }
            if (!Certificates.isSelfIssued(c)) {
                intermediatesBelow++;
            }
        }
        if (!ca.validAt(at)) {
            return Optional.of(new CertificateCheckException(Reason.CA_NOT_VALID_AT_TIME,
                    "CA " + ca.anchor().getSubjectX500Principal() + " is not trusted at " + at));
        }
        for (X509Certificate c : path) {
            if (at.isAfter(c.getNotAfter().toInstant())) {
                return Optional.of(new CertificateCheckException(Reason.EXPIRED, c.getSubjectX500Principal() + " expired before " + at));
            }
            if (at.isBefore(c.getNotBefore().toInstant())) {
                return Optional.of(new CertificateCheckException(Reason.NOT_YET_VALID, c.getSubjectX500Principal() + " not valid until after " + at));
            }
        }
        return Optional.empty();
    }

    /** A certificate that issues others needs CA:TRUE and, when keyUsage is present, keyCertSign (RFC 5280 §4.2.1.3, .9). */
    private static Optional<CertificateCheckException> caProblem(X509Certificate c) {
        boolean[] keyUsage = c.getKeyUsage();
        if (c.getBasicConstraints() < 0 || (keyUsage != null && (keyUsage.length < 6 || !keyUsage[5]))) {
            return Optional.of(new CertificateCheckException(Reason.NOT_A_CA, c.getSubjectX500Principal() + " is not a CA"));
        }
        return unsupportedCritical(c);
    }

    private static Optional<CertificateCheckException> unsupportedCritical(X509Certificate c) {
        Set<String> critical = c.getCriticalExtensionOIDs();
        if (critical != null) {
            for (String oid : critical) {
                if (!HANDLED_CRITICAL.contains(oid)) {
                    return Optional.of(new CertificateCheckException(Reason.UNSUPPORTED_CRITICAL_EXTENSION,
                            c.getSubjectX500Principal() + " has critical extension " + oid));
                }
            }
        }
        return Optional.empty();
    }

    /** The trusted chain's own soundness, checked once: every certificate a CA, every link signed by the next. */
    private static Optional<CertificateCheckException> defect(CertificateAuthority ca) {
        List<X509Certificate> chain = ca.chain();
        for (int i = 0; i < chain.size(); i++) {
            Optional<CertificateCheckException> problem = caProblem(chain.get(i));
            if (problem.isPresent()) {
                return problem;
            }
            if (i + 1 < chain.size()) {
                X509Certificate child = chain.get(i);
                X509Certificate parent = chain.get(i + 1);
                if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
                    return Optional.of(new CertificateCheckException(Reason.NOT_CHAINED_TO_TRUSTED_CA,
                            "trusted chain breaks after " + child.getSubjectX500Principal()));
                }
                if (!Certificates.signatureVerifies(child, parent)) {
                    return Optional.of(new CertificateCheckException(Reason.BAD_SIGNATURE,
                            "trusted chain link " + child.getSubjectX500Principal() + " does not verify"));
                }
            }
        }
        return Optional.empty();
    }
}
