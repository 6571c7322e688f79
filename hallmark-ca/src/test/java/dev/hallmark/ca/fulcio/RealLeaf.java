package dev.hallmark.ca.fulcio;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.FulcioExtension;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** The real public-good leaf of @playwright/cli 0.1.1 (sigstore.md §1.2), read in place from the vectors. */
final class RealLeaf {
    private RealLeaf() {
    }

    static X509Certificate playwright() throws FormatException {
        var bundle = Json.parseObject(Vectors.bytes("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json"), 1 << 20);
        String raw = bundle.path("verificationMaterial").path("certificate").path("rawBytes").asText();
        return Certificates.parseDer(Bytes.fromBase64(raw));
    }

    /** Extension OIDs in certificate order. */
    static List<String> allOids(X509Certificate certificate) throws CertificateEncodingException, IOException {
        List<String> oids = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : TBSCertificate.getInstance(certificate.getTBSCertificate()).getExtensions().getExtensionOIDs()) {
            oids.add(oid.getId());
        }
        return oids;
    }

    /** The Sigstore-arc extension OIDs in certificate order. */
    static List<String> arcOids(X509Certificate certificate) throws CertificateEncodingException, IOException {
        return allOids(certificate).stream().filter(o -> o.startsWith(FulcioExtension.ARC + ".")).toList();
    }
}
