package dev.hallmark.core.rekor;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The key material a Rekor entry names as its verifier: an X.509 certificate (Fulcio leaf) or a bare public key (npm's
 * registry key), as DER. Rekor v1 bodies carry it as b64 of PEM text (sigstore.md §3.2), Rekor v2 bodies as DER
 * {@code rawBytes} (§4.1). Verifiers compare the DER, never the PEM text (sigstore.md §10).
 */
public record VerifierKey(Kind kind, Bytes der) {
    /** PEM text inside a Rekor body is one block; a certificate is a few kilobytes. */
    static final int MAX_PEM = 64 * 1024;

    public enum Kind {
        CERTIFICATE("CERTIFICATE"),
        PUBLIC_KEY("PUBLIC KEY");

        private final String pemType;

        Kind(String pemType) {
            this.pemType = pemType;
        }

        public String pemType() {
            return pemType;
        }
    }

    public VerifierKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(der, "der");
        if (der.isEmpty()) {
            throw new IllegalArgumentException("empty verifier");
        }
    }

    public static VerifierKey certificate(Bytes der) throws FormatException {
        checkDer(Kind.CERTIFICATE, der);
        return new VerifierKey(Kind.CERTIFICATE, der);
    }

    public static VerifierKey publicKey(Bytes der) throws FormatException {
        checkDer(Kind.PUBLIC_KEY, der);
        return new VerifierKey(Kind.PUBLIC_KEY, der);
    }

    /**
     * Parses PEM text holding exactly one {@code CERTIFICATE} or {@code PUBLIC KEY} block, with any line length and
     * LF or CRLF line ends (sigstore-js writes no final newline, Go does).
     */
    public static VerifierKey fromPem(String pem) throws FormatException {
        if (pem.length() > MAX_PEM) {
            throw new FormatException("PEM verifier too large");
        }
        String text = pem.strip();
        for (Kind kind : Kind.values()) {
            String begin = "-----BEGIN " + kind.pemType + "-----";
            String end = "-----END " + kind.pemType + "-----";
            if (text.startsWith(begin)) {
                if (!text.endsWith(end) || text.length() < begin.length() + end.length()) {
                    throw new FormatException("PEM " + kind.pemType + " block is not terminated");
                }
                String body = text.substring(begin.length(), text.length() - end.length());
                if (body.contains("-----")) {
                    throw new FormatException("PEM verifier must hold exactly one block");
                }
                Bytes der;
                try {
                    der = Bytes.of(Base64.getDecoder().decode(body.replaceAll("[\\r\\n\\t ]", ""))); // strict: junk is not skipped
                } catch (IllegalArgumentException e) {
                    throw new FormatException("PEM body is not base64");
                }
                checkDer(kind, der);
                return new VerifierKey(kind, der);
            }
        }
        throw new FormatException("verifier is neither a PEM certificate nor a PEM public key");
    }

    /** Reads the b64-of-PEM form of Rekor v1 bodies. */
    static VerifierKey fromBase64Pem(Bytes pemBytes) throws FormatException {
        return fromPem(new String(pemBytes.toArray(), StandardCharsets.UTF_8));
    }

    /**
     * PEM as Go's {@code pem.Encode} writes it and Rekor v1 therefore stores for hashedrekord and dsse entries (its
     * {@code CanonicalValue}): 64-column lines, LF, final newline.
     */
    public String toPem() {
        StringBuilder out = new StringBuilder("-----BEGIN ").append(kind.pemType).append("-----\n");
        String b64 = der.base64();
        for (int i = 0; i < b64.length(); i += 64) {
            out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return out.append("-----END ").append(kind.pemType).append("-----\n").toString();
    }

    /** The DER SubjectPublicKeyInfo: the key itself, or the certificate's subject key. */
    public Bytes spki() throws FormatException {
        if (kind == Kind.PUBLIC_KEY) {
            return der;
        }
        try {
            return Bytes.of(Certificate.getInstance(der.toArray()).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
        } catch (IOException | RuntimeException e) {
            throw new FormatException("malformed certificate");
        }
    }

    public PublicKey toPublicKey() throws FormatException {
        return Keys.publicKeyFromDer(spki());
    }

    private static void checkDer(Kind kind, Bytes der) throws FormatException {
        if (der.isEmpty()) {
            throw new FormatException("empty verifier");
        }
        try {
            // fromByteArray rejects trailing bytes; getInstance then checks the structure.
            ASN1Primitive asn1 = ASN1Primitive.fromByteArray(der.toArray());
            if (kind == Kind.CERTIFICATE) {
                Certificate.getInstance(asn1);
            } else {
                SubjectPublicKeyInfo.getInstance(asn1);
            }
        } catch (IOException | RuntimeException e) {
            throw new FormatException("malformed DER " + kind.pemType);
        }
    }
}
