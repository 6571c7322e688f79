package dev.hallmark.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

class SignedCertificateTimestampTest {

    private static PublicKeyVerifier key(String pemFile) throws Exception {
        return SignatureAlgorithm.ECDSA_P256_SHA256.verifier(Keys.publicKeyFromPem(Vectors.text(pemFile)));
    }

    @Test
    void fulcioEmbeddedSctVerifiesAgainstTheCtLogKey() throws Exception {
        List<X509Certificate> chain = Certificates.parsePemChain(Vectors.text("java/fulcio-response/valid/certWithSct.pem"));
        List<SignedCertificateTimestamp> scts = SignedCertificateTimestamp.embedded(chain.get(0));
        assertThat(scts).hasSize(1);
        SignedCertificateTimestamp sct = scts.get(0);
        PublicKeyVerifier ctfe = key("java/fulcio-response/valid/ctfe.pub");
        assertThat(sct.logId()).isEqualTo(HashAlgorithm.SHA2_256.digest(ctfe.key().getEncoded()).value());
        assertThat(sct.version()).isZero();
        assertThat(sct.hashAlgorithm()).isEqualTo(4);
        assertThat(sct.signatureAlgorithm()).isEqualTo(3);
        sct.verify(ctfe, chain.get(0), chain.get(1));
    }

    @Test
    void certificateWithoutSctHasNone() throws Exception {
        X509Certificate leaf = Certificates.parsePemChain(Vectors.text("java/fulcio-response/valid/cert.pem")).get(0);
        assertThat(SignedCertificateTimestamp.embedded(leaf)).isEmpty();
    }

    @Test
    void rfc6962SampleCertificateVerifies() throws Exception {
        X509Certificate leaf = Certificates.parsePemChain(Vectors.text("java/certificatetransparency/cert-ct-embedded.pem")).get(0);
        X509Certificate ca = Certificates.parsePemChain(Vectors.text("java/certificatetransparency/ca-cert.pem")).get(0);
        SignedCertificateTimestamp sct = SignedCertificateTimestamp.embedded(leaf).get(0);
        sct.verify(key("java/certificatetransparency/ct-server-key-public.pem"), leaf, ca);
    }

    @Test
    void rebuiltTbsEqualsThePrecertificateWithoutItsPoison() throws Exception {
        X509Certificate leaf = Certificates.parsePemChain(Vectors.text("java/certificatetransparency/cert-ct-embedded.pem")).get(0);
        X509Certificate precert = Certificates.parsePemChain(Vectors.text("java/certificatetransparency/cert-ct-poisoned.pem")).get(0);
        // the precertificate's TBS minus the poison extension is what the log signed (RFC 6962 §3.2)
        byte[] fromPrecert = withoutExtension(precert, "1.3.6.1.4.1.11129.2.4.3");
        assertThat(SignedCertificateTimestamp.precertificateTbs(leaf)).isEqualTo(fromPrecert);
    }

    private static byte[] withoutExtension(X509Certificate cert, String oid) throws Exception {
        Certificate c = Certificates.structure(cert);
        var exts = c.getTBSCertificate().getExtensions();
        var kept = java.util.Arrays.stream(exts.getExtensionOIDs()).filter(o -> !o.getId().equals(oid)).map(exts::getExtension)
                .toArray(org.bouncycastle.asn1.x509.Extension[]::new);
        var v = new org.bouncycastle.asn1.ASN1EncodableVector();
        for (var f : ASN1Sequence.getInstance(c.getTBSCertificate())) {
            v.add(f instanceof org.bouncycastle.asn1.ASN1TaggedObject t && t.getTagNo() == 3
                    ? new org.bouncycastle.asn1.DERTaggedObject(true, 3, new org.bouncycastle.asn1.x509.Extensions(kept)) : f);
        }
        return new org.bouncycastle.asn1.DERSequence(v).getEncoded("DER");
    }

    @Test
    void tamperedSctsAreRejected() throws Exception {
        List<X509Certificate> chain = Certificates.parsePemChain(Vectors.text("java/fulcio-response/valid/certWithSct.pem"));
        SignedCertificateTimestamp sct = SignedCertificateTimestamp.embedded(chain.get(0)).get(0);
        PublicKeyVerifier ctfe = key("java/fulcio-response/valid/ctfe.pub");
        byte[] sig = sct.signature().toArray();
        sig[sig.length - 1] ^= 1;
        var badSignature = new SignedCertificateTimestamp(0, sct.logId(), sct.timestampMillis(), sct.extensions(), 4, 3, Bytes.of(sig));
        var otherTime = new SignedCertificateTimestamp(0, sct.logId(), sct.timestampMillis() + 1, sct.extensions(), 4, 3, sct.signature());
        var otherExtensions = new SignedCertificateTimestamp(0, sct.logId(), sct.timestampMillis(), Bytes.of(new byte[] {1}), 4, 3, sct.signature());
        var wrongScheme = new SignedCertificateTimestamp(0, sct.logId(), sct.timestampMillis(), sct.extensions(), 4, 1, sct.signature());
        for (var bad : List.of(badSignature, otherTime, otherExtensions, wrongScheme)) {
            assertThatThrownBy(() -> bad.verify(ctfe, chain.get(0), chain.get(1))).isInstanceOf(BadSignatureException.class);
        }
        // wrong issuer (the root instead of the intermediate) changes the issuer key hash
        assertThatThrownBy(() -> sct.verify(ctfe, chain.get(0), chain.get(2))).isInstanceOf(BadSignatureException.class);
        // wrong log key
        assertThatThrownBy(() -> sct.verify(key("java/certificatetransparency/ct-server-key-public.pem"), chain.get(0), chain.get(1)))
                .isInstanceOf(BadSignatureException.class);
    }

    @Test
    void malformedListsAreFormatErrors() {
        HexFormat hex = HexFormat.of();
        for (String bad : List.of("", "00", "0000", "0001ff", "00020000", "000400030000", "0005000300")) {
            assertThatThrownBy(() -> SignedCertificateTimestamp.parseList(hex.parseHex(bad)))
                    .as(bad).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void unknownVersionsAreSkipped() throws Exception {
        // one SCT of version 1 with an opaque body
        assertThat(SignedCertificateTimestamp.parseList(HexFormat.of().parseHex("0005000301aabb"))).isEmpty();
    }

    @Property(tries = 500)
    void arbitraryListsOnlyFailAsFormatException(@ForAll @Size(max = 200) byte[] input) {
        try {
            SignedCertificateTimestamp.parseList(input);
        } catch (FormatException expected) {
            // the only permitted failure
        }
    }
}
