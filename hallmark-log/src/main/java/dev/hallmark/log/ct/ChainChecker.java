package dev.hallmark.log.ct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.x509.CertificateLinks;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.log.ct.ChainRejectedException.Reason;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a chain submitted to {@code add-chain} or {@code add-pre-chain} (RFC 6962 §4.1–4.2, sigstore.md §2.1) and
 * turns it into the entry to log and the {@code extra_data} to keep beside it (RFC 6962 §4.6).
 *
 * <p>Each certificate must be signed by the next, every issuer must be a CA, and the chain must end at one of the
 * log's accepted roots or at a certificate one of them issued (the root is then appended, as RFC 6962 §3.1 wants the
 * stored chain to end at the root). Validity periods are not checked: a log records, it does not judge freshness.
 * The precertificate's issuer is the CA itself (sigstore.md §1.4); precertificate-signing certificates (RFC 6962
 * §3.1, EKU 1.3.6.1.4.1.11129.2.4.4) would change issuer and TBS and are refused rather than logged wrongly.
 */
final class ChainChecker {
    /** A chain the log accepted: the leaf's signed entry, the {@code extra_data} bytes, the chain up to the root. */
    record Accepted(MerkleTreeLeaf.SignedEntry entry, Bytes extraData, List<X509Certificate> chain) {
    }

    private static final String PRECERT_SIGNING_EKU = "1.3.6.1.4.1.11129.2.4.4";

    private final List<X509Certificate> roots;
    private final Set<Bytes> rootDer = new HashSet<>();
    private final int maxChainLength;

    /** With no roots the log accepts nothing yet (an instance before its CA exists) but still serves its tree. */
    ChainChecker(List<X509Certificate> roots, int maxChainLength) {
        this.roots = List.copyOf(roots);
        this.roots.forEach(r -> rootDer.add(Certificates.der(r)));
        this.maxChainLength = maxChainLength;
    }

    List<X509Certificate> roots() {
        return roots;
    }

    Accepted check(Bytes json, boolean precertificate, int maxBytes) throws ChainRejectedException {
        List<X509Certificate> chain = anchored(parse(json, maxBytes));
        X509Certificate leaf = chain.getFirst();
        Precertificates.Poison poison = Precertificates.poison(leaf);
        if (poison == Precertificates.Poison.MALFORMED) {
            throw new ChainRejectedException(Reason.MALFORMED_POISON, "the poison extension must be critical and ASN.1 NULL");
        }
        if (!precertificate) {
            if (poison == Precertificates.Poison.VALID) {
                throw new ChainRejectedException(Reason.UNEXPECTED_POISON, "add-chain got a precertificate; use add-pre-chain");
            }
            return new Accepted(new MerkleTreeLeaf.X509Entry(Certificates.der(leaf)), certificateChain(chain), chain);
        }
        if (poison == Precertificates.Poison.ABSENT) {
            throw new ChainRejectedException(Reason.MISSING_POISON, "the first certificate is not a precertificate");
        }
        if (chain.size() < 2) {
            throw new ChainRejectedException(Reason.BAD_CHAIN_LENGTH, "a precertificate needs its issuer in the chain");
        }
        X509Certificate issuer = chain.get(1);
        if (hasPrecertSigningEku(issuer)) {
            throw new ChainRejectedException(Reason.PRECERT_SIGNING_CERTIFICATE,
                    "precertificate-signing certificates are not supported; sign the precertificate with the CA");
        }
        try {
            Bytes issuerKeyHash = HashAlgorithm.SHA2_256.digest(Precertificates.spki(issuer)).value();
            MerkleTreeLeaf.PrecertEntry entry = new MerkleTreeLeaf.PrecertEntry(issuerKeyHash, Precertificates.tbsWithoutPoison(leaf));
            // PrecertChainEntry: the precertificate, then the chain that certifies it (RFC 6962 §3.1)
            Bytes extra = new Tls.Writer().vector24(Certificates.der(leaf)).fixed(certificateChain(chain)).toBytes();
            return new Accepted(entry, extra, chain);
        } catch (FormatException e) {
            throw new ChainRejectedException(Reason.MALFORMED, "cannot read the precertificate: " + e.getMessage());
        }
    }

    private List<X509Certificate> parse(Bytes json, int maxBytes) throws ChainRejectedException {
        try {
            ArrayNode array = Json.requireArray(Json.parseObject(json.toArray(), maxBytes), "chain");
            if (array.isEmpty() || array.size() > maxChainLength) {
                throw new ChainRejectedException(Reason.BAD_CHAIN_LENGTH,
                        "a chain holds 1 to " + maxChainLength + " certificates, not " + array.size());
            }
            List<X509Certificate> chain = new ArrayList<>(array.size() + 1);
            for (JsonNode element : array) {
                if (!element.isTextual()) {
                    throw new FormatException("chain elements must be base64 strings");
                }
                chain.add(Certificates.parseDer(Bytes.fromBase64(element.textValue())));
            }
            return chain;
        } catch (FormatException e) {
            throw new ChainRejectedException(Reason.MALFORMED, "invalid chain: " + e.getMessage());
        }
    }

    /** Checks every link, then that the chain ends at an accepted root, appending the root when it was left out. */
    private List<X509Certificate> anchored(List<X509Certificate> chain) throws ChainRejectedException {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate issuer = chain.get(i + 1);
            if (issuer.getBasicConstraints() < 0) {
                throw new ChainRejectedException(Reason.NOT_A_CA, "certificate " + (i + 1) + " issues another but is not a CA");
            }
            if (!CertificateLinks.issuedBy(chain.get(i), issuer)) {
                throw new ChainRejectedException(Reason.BAD_SIGNATURE, "certificate " + i + " is not signed by certificate " + (i + 1));
            }
        }
        X509Certificate last = chain.getLast();
        if (rootDer.contains(Certificates.der(last))) {
            return List.copyOf(chain);
        }
        for (X509Certificate root : roots) {
            if (CertificateLinks.issuedBy(last, root)) {
                if (root.getBasicConstraints() < 0) {
                    throw new ChainRejectedException(Reason.NOT_A_CA, "the accepted root that issued the chain is not a CA");
                }
                chain.add(root);
                return List.copyOf(chain);
            }
        }
        throw new ChainRejectedException(Reason.UNKNOWN_ROOT, "the chain does not end at a root this log accepts");
    }

    /** {@code ASN.1Cert certificate_chain<0..2^24-1>}: every certificate after the first, each u24-prefixed. */
    private static Bytes certificateChain(List<X509Certificate> chain) {
        Tls.Writer certs = new Tls.Writer();
        for (X509Certificate c : chain.subList(1, chain.size())) {
            certs.vector24(Certificates.der(c));
        }
        return new Tls.Writer().vector24(certs.toBytes()).toBytes();
    }

    private static boolean hasPrecertSigningEku(X509Certificate issuer) throws ChainRejectedException {
        try {
            List<String> ekus = issuer.getExtendedKeyUsage();
            return ekus != null && ekus.contains(PRECERT_SIGNING_EKU);
        } catch (CertificateParsingException e) {
            throw new ChainRejectedException(Reason.MALFORMED, "unreadable extended key usage");
        }
    }
}
