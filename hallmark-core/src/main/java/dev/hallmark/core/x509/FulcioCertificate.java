package dev.hallmark.core.x509;

import dev.hallmark.core.FormatException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The parsed identity of a Fulcio leaf (sigstore.md §1.2, §1.3): its single subjectAltName and the decoded Sigstore
 * extensions. Parsing checks format only; trust (chain, SCT, validity) is {@link ChainValidator}'s and
 * {@link SignedCertificateTimestamp}'s business.
 */
public record FulcioCertificate(X509Certificate certificate, SubjectAlternativeName san, Map<FulcioExtension, String> extensions) {
    public FulcioCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(san, "san");
        EnumMap<FulcioExtension, String> copy = new EnumMap<>(FulcioExtension.class);
        copy.putAll(Objects.requireNonNull(extensions, "extensions"));
        extensions = Collections.unmodifiableMap(copy);
    }

    /** Parses the identity of a leaf; exactly one SAN of a supported kind is required (sigstore.md §1.2). */
    public static FulcioCertificate parse(X509Certificate certificate) throws FormatException {
        Extensions all = Certificates.structure(certificate).getTBSCertificate().getExtensions();
        if (all == null) {
            throw new FormatException("certificate has no extensions");
        }
        SubjectAlternativeName san = san(all.getExtension(Extension.subjectAlternativeName));
        Map<FulcioExtension, String> values = new EnumMap<>(FulcioExtension.class);
        for (var oid : all.getExtensionOIDs()) {
            Optional<FulcioExtension> known = FulcioExtension.forOid(oid.getId());
            if (known.isPresent()) {
                values.put(known.get(), known.get().decode(all.getExtension(oid).getExtnValue().getOctets()));
            }
        }
        return new FulcioCertificate(certificate, san, values);
    }

    private static SubjectAlternativeName san(Extension extension) throws FormatException {
        if (extension == null) {
            throw new FormatException("certificate has no subjectAltName");
        }
        GeneralName[] names;
        try {
            names = GeneralNames.getInstance(extension.getParsedValue()).getNames();
        } catch (RuntimeException e) {
            throw new FormatException("malformed subjectAltName", e);
        }
        if (names.length != 1) {
            throw new FormatException("a Fulcio certificate has exactly one subjectAltName, not " + names.length);
        }
        GeneralName name = names[0];
        try {
            return switch (name.getTagNo()) {
                case GeneralName.uniformResourceIdentifier -> new SubjectAlternativeName.UriName(ia5(name.getName()));
                case GeneralName.rfc822Name -> new SubjectAlternativeName.EmailName(ia5(name.getName()));
                case GeneralName.otherName -> otherName(org.bouncycastle.asn1.x509.OtherName.getInstance(name.getName()));
                default -> throw new FormatException("unsupported subjectAltName kind " + name.getTagNo());
            };
        } catch (RuntimeException e) {
            throw new FormatException("malformed subjectAltName", e);
        }
    }

    private static String ia5(ASN1Encodable value) throws FormatException {
        if (value instanceof ASN1IA5String s) {
            return s.getString();
        }
        throw new FormatException("subjectAltName value is not an IA5String");
    }

    private static SubjectAlternativeName otherName(org.bouncycastle.asn1.x509.OtherName other) throws FormatException {
        if (!other.getTypeID().getId().equals(SubjectAlternativeName.OTHER_NAME_TYPE)) {
            throw new FormatException("unsupported otherName type " + other.getTypeID());
        }
        ASN1Encodable value = other.getValue();
        if (value instanceof ASN1TaggedObject tagged) { // tolerate a still-wrapped [0] EXPLICIT value
            value = tagged.getExplicitBaseObject();
        }
        if (value instanceof ASN1UTF8String s) {
            return new SubjectAlternativeName.OtherName(s.getString());
        }
        throw new FormatException("otherName value is not a UTF8String");
    }

    /** The OIDC issuer: 1.8, falling back to the legacy 1.1 (sigstore.md §1.3, §8 step 6). */
    public Optional<String> issuer() {
        return value(FulcioExtension.ISSUER).or(() -> value(FulcioExtension.ISSUER_V1));
    }

    public Optional<String> value(FulcioExtension extension) {
        return Optional.ofNullable(extensions.get(extension));
    }

    public Optional<String> buildSignerUri() {
        return value(FulcioExtension.BUILD_SIGNER_URI);
    }

    public Optional<String> buildSignerDigest() {
        return value(FulcioExtension.BUILD_SIGNER_DIGEST);
    }

    public Optional<String> runnerEnvironment() {
        return value(FulcioExtension.RUNNER_ENVIRONMENT);
    }

    public Optional<String> sourceRepositoryUri() {
        return value(FulcioExtension.SOURCE_REPOSITORY_URI);
    }

    public Optional<String> sourceRepositoryDigest() {
        return value(FulcioExtension.SOURCE_REPOSITORY_DIGEST);
    }

    public Optional<String> sourceRepositoryRef() {
        return value(FulcioExtension.SOURCE_REPOSITORY_REF);
    }

    public Optional<String> sourceRepositoryVisibility() {
        return value(FulcioExtension.SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING);
    }

    public Optional<String> buildConfigUri() {
        return value(FulcioExtension.BUILD_CONFIG_URI);
    }

    public Optional<String> buildTrigger() {
        return value(FulcioExtension.BUILD_TRIGGER);
    }

    public Optional<String> runInvocationUri() {
        return value(FulcioExtension.RUN_INVOCATION_URI);
    }

    public boolean hasCodeSigningEku() {
        return hasPurpose(certificate, KeyPurpose.CODE_SIGNING);
    }

    static boolean hasPurpose(X509Certificate certificate, KeyPurpose purpose) {
        try {
            List<String> ekus = certificate.getExtendedKeyUsage();
            return ekus != null && ekus.contains(purpose.oid());
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
