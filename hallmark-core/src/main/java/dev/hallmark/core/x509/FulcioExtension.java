package dev.hallmark.core.x509;

import dev.hallmark.core.FormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Sigstore certificate extensions of the OID arc 1.3.6.1.4.1.57264.1 (sigstore.md §1.3, Fulcio
 * {@code docs/oid-info.md}). 1.7 is absent on purpose: it is the type-id of an otherName SAN, not an extension.
 */
public enum FulcioExtension {
    ISSUER_V1(1, "Issuer (deprecated)", Encoding.RAW),
    GITHUB_WORKFLOW_TRIGGER(2, "GitHub Workflow Trigger", Encoding.RAW),
    GITHUB_WORKFLOW_SHA(3, "GitHub Workflow SHA", Encoding.RAW),
    GITHUB_WORKFLOW_NAME(4, "GitHub Workflow Name", Encoding.RAW),
    GITHUB_WORKFLOW_REPOSITORY(5, "GitHub Workflow Repository", Encoding.RAW),
    GITHUB_WORKFLOW_REF(6, "GitHub Workflow Ref", Encoding.RAW),
    ISSUER(8, "Issuer", Encoding.DER_UTF8_STRING),
    BUILD_SIGNER_URI(9, "Build Signer URI", Encoding.DER_UTF8_STRING),
    BUILD_SIGNER_DIGEST(10, "Build Signer Digest", Encoding.DER_UTF8_STRING),
    RUNNER_ENVIRONMENT(11, "Runner Environment", Encoding.DER_UTF8_STRING),
    SOURCE_REPOSITORY_URI(12, "Source Repository URI", Encoding.DER_UTF8_STRING),
    SOURCE_REPOSITORY_DIGEST(13, "Source Repository Digest", Encoding.DER_UTF8_STRING),
    SOURCE_REPOSITORY_REF(14, "Source Repository Ref", Encoding.DER_UTF8_STRING),
    SOURCE_REPOSITORY_IDENTIFIER(15, "Source Repository Identifier", Encoding.DER_UTF8_STRING),
    SOURCE_REPOSITORY_OWNER_URI(16, "Source Repository Owner URI", Encoding.DER_UTF8_STRING),
    SOURCE_REPOSITORY_OWNER_IDENTIFIER(17, "Source Repository Owner Identifier", Encoding.DER_UTF8_STRING),
    BUILD_CONFIG_URI(18, "Build Config URI", Encoding.DER_UTF8_STRING),
    BUILD_CONFIG_DIGEST(19, "Build Config Digest", Encoding.DER_UTF8_STRING),
    BUILD_TRIGGER(20, "Build Trigger", Encoding.DER_UTF8_STRING),
    RUN_INVOCATION_URI(21, "Run Invocation URI", Encoding.DER_UTF8_STRING),
    SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING(22, "Source Repository Visibility At Signing", Encoding.DER_UTF8_STRING),
    DEPLOYMENT_ENVIRONMENT(23, "Deployment Environment", Encoding.DER_UTF8_STRING),
    TOKEN_SUBJECT(24, "Token Subject", Encoding.DER_UTF8_STRING);

    /** How the value sits inside {@code extnValue}. */
    public enum Encoding {
        /** 1.1–1.6: the raw UTF-8 bytes with no ASN.1 wrapper, a historical mistake kept for compatibility. */
        RAW,
        /** 1.8 and later: a DER UTF8String. */
        DER_UTF8_STRING
    }

    public static final String ARC = "1.3.6.1.4.1.57264.1";
    /** Values are short strings (URIs, digests); anything longer is not a Fulcio certificate. */
    static final int MAX_VALUE_BYTES = 4096;

    private final String oid;
    private final String displayName;
    private final Encoding encoding;

    FulcioExtension(int arcNumber, String displayName, Encoding encoding) {
        this.oid = ARC + "." + arcNumber;
        this.displayName = displayName;
        this.encoding = encoding;
    }

    public String oid() {
        return oid;
    }

    public String displayName() {
        return displayName;
    }

    public Encoding encoding() {
        return encoding;
    }

    public static Optional<FulcioExtension> forOid(String oid) {
        for (FulcioExtension e : values()) {
            if (e.oid.equals(oid)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes the content of {@code extnValue}. Both encodings are accepted where that is unambiguous: a legacy
     * (RAW) value that is exactly one DER UTF8String is unwrapped, since no real claim starts with the control byte
     * 0x0c; a 1.8+ value must be a DER UTF8String, as Fulcio has always written those.
     */
    public String decode(byte[] extnValue) throws FormatException {
        if (extnValue.length > MAX_VALUE_BYTES) {
            throw new FormatException(displayName + " extension value too long");
        }
        Optional<String> wrapped = derUtf8String(extnValue);
        if (wrapped.isPresent()) {
            return wrapped.get();
        }
        if (encoding == Encoding.DER_UTF8_STRING) {
            throw new FormatException(displayName + " extension is not a DER UTF8String");
        }
        return strictUtf8(extnValue);
    }

    private static Optional<String> derUtf8String(byte[] value) throws FormatException {
        if (value.length < 2 || value[0] != 0x0c || Certificates.derLength(value) != value.length) {
            return Optional.empty();
        }
        int header = (value[1] & 0x80) == 0 ? 2 : 2 + (value[1] & 0x7f);
        return Optional.of(strictUtf8(Arrays.copyOfRange(value, header, value.length)));
    }

    private static String strictUtf8(byte[] bytes) throws FormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FormatException("extension value is not valid UTF-8");
        }
    }
}
