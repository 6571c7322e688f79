package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.BaseBundles.REKOR_V2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.verify.MutationHarness.Outcome;
import dev.hallmark.core.verify.MutationHarness.Tally;
import dev.hallmark.core.verify.VerificationException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Mutations of the RFC 3161 {@code TimeStampResp} in bundle c (sigstore.md §5). A token is not signed as a whole:
 * the TSA signs the signed attributes, which bind the encapsulated TSTInfo by digest; the signer is found in the
 * trusted root by issuer and serial. Those bytes must never change without TIMESTAMP_INVALID. The rest — the
 * response status, the outer ContentInfo and SignedData framing, the unsigned digestAlgorithms set and the
 * embedded certificate, which the verifier does not trust (the trusted root's TSA chain is used) — may change
 * without effect; such a mutant is the same timestamp, so verifying it is correct.
 */
class Rfc3161MutationTest {
    static final String TOKEN = "/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp";
    static final Outcome INVALID = Outcome.rejected(Reason.TIMESTAMP_INVALID);

    /** A half-open byte range [from, to) of the DER token. */
    record Region(String name, int from, int to) {
        boolean contains(int index) {
            return index >= from && index < to;
        }
    }

    static final Bytes ORIGINAL = MutationHarness.base64(REKOR_V2.bundle(), TOKEN);
    @AfterAll
    static void printSummary() {
        MutationHarness.printSummary();
    }

    /** The signed or signer-selecting parts of the token, located by re-encoding them (DER) and searching. */
    static List<Region> protectedRegions() throws IOException {
        byte[] token = ORIGINAL.toArray();
        SignedData signed = SignedData.getInstance(TimeStampResp.getInstance(token).getTimeStampToken().getContent());
        SignerInfo signer = SignerInfo.getInstance(signed.getSignerInfos().getObjectAt(0));
        List<Region> regions = new ArrayList<>();
        regions.add(find(token, "encapsulated TSTInfo", signed.getEncapContentInfo().getEncoded(ASN1Encoding.DER), 0));
        byte[] attributes = signer.getAuthenticatedAttributes().getEncoded(ASN1Encoding.DER);
        // in the token the SET is tagged [0] IMPLICIT; search from its length octets on and leave the tag out
        regions.add(find(token, "signed attributes", java.util.Arrays.copyOfRange(attributes, 1, attributes.length), 0));
        regions.add(find(token, "signature value", signer.getEncryptedDigest().getOctets(), 0));
        int signerAt = find(token, "signer info", signer.getEncoded(ASN1Encoding.DER), 0).from();
        byte[] serial = IssuerAndSerialNumber.getInstance(signer.getSID().getId()).getSerialNumber().getEncoded(ASN1Encoding.DER);
        regions.add(find(token, "signer serial", serial, signerAt));
        return regions;
    }

    static Region find(byte[] haystack, String name, byte[] needle, int from) {
        for (int i = from; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return new Region(name, i, i + needle.length);
            }
        }
        throw new IllegalStateException(name + " not found in the token");
    }

    static Outcome flipAt(int byteIndex) {
        Bytes flipped = MutationHarness.flip(ORIGINAL, byteIndex * 8 + byteIndex % 8);
        return REKOR_V2.mutate(json -> MutationHarness.setText(json, TOKEN, flipped.base64()));
    }

    @Test
    void everySignedByteIsProtected() throws IOException {
        List<Region> regions = protectedRegions();
        int mutants = 0;
        for (Region region : regions) {
            Tally tally = new Tally();
            for (int i = region.from(); i < region.to(); i++) {
                tally.add(flipAt(i), region.name() + " byte " + i);
            }
            MutationHarness.record("c:rekor2-happy-path RFC 3161 " + region.name(), tally);
            mutants += tally.total();
            assertThat(tally.outcomes()).as("%s: %s", region, tally).containsOnly(INVALID);
        }
        assertThat(mutants).isGreaterThan(500);
    }

    @Test
    void onlyUnsignedBytesMayChangeWithoutEffect() throws IOException {
        List<Region> regions = protectedRegions();
        List<Integer> accepted = new ArrayList<>();
        Tally tally = new Tally();
        for (int i = 0; i < ORIGINAL.length(); i += 3) {
            Outcome outcome = flipAt(i);
            tally.add(outcome, "byte " + i);
            assertThat(outcome).as("byte %d", i).isIn(Outcome.VERIFIED, INVALID);
            if (outcome.equals(Outcome.VERIFIED)) {
                accepted.add(i);
            }
        }
        MutationHarness.record("c:rekor2-happy-path RFC 3161 whole token, every 3rd byte", tally);
        for (int i : accepted) {
            int at = i;
            assertThat(regions).as("byte %d was accepted changed", at).noneMatch(r -> r.contains(at));
        }
    }

    @Test
    void theEmbeddedCertificateIsNotTrusted() throws Exception {
        // Changing the embedded TSA certificate's public key changes nothing: the key comes from the trusted root.
        byte[] token = ORIGINAL.toArray();
        SignedData signed = SignedData.getInstance(TimeStampResp.getInstance(token).getTimeStampToken().getContent());
        Certificate embedded = Certificate.getInstance(signed.getCertificates().getObjectAt(0));
        Region key = find(token, "embedded TSA key", embedded.getSubjectPublicKeyInfo().getPublicKeyData().getBytes(), 0);
        Bytes flipped = MutationHarness.flip(ORIGINAL, (key.from() + 20) * 8);
        var json = REKOR_V2.bundle().deepCopy();
        MutationHarness.setText(json, TOKEN, flipped.base64());
        var result = REKOR_V2.verifier().verify(dev.hallmark.core.bundle.BundleCodec.parse(MutationHarness.JSON.writeValueAsBytes(json)), REKOR_V2.policy());
        assertThat(result.trustedTimes()).singleElement()
                .satisfies(t -> assertThat(t.source()).isEqualTo(VerificationResult.TrustedTime.Source.RFC3161_TIMESTAMP))
                .satisfies(t -> assertThat(t.authority()).isEqualTo("https://timestamp.sigstage.dev/api/v1/timestamp"));
    }

    @Test
    void responseStatusMustBeAGrant() throws IOException {
        // PKIStatusInfo is the first field: SEQUENCE { SEQUENCE { INTEGER status } ... }; RFC 3161 §2.4.2
        byte[] status = TimeStampResp.getInstance(ORIGINAL.toArray()).getStatus().getEncoded(ASN1Encoding.DER);
        int valueAt = find(ORIGINAL.toArray(), "status", status, 0).from() + 4;
        assertThat(ORIGINAL.get(valueAt)).isZero();
        for (int value = 1; value <= 5; value++) {
            byte[] token = ORIGINAL.toArray();
            token[valueAt] = (byte) value;
            Bytes mutated = Bytes.of(token);
            Outcome outcome = REKOR_V2.mutate(json -> MutationHarness.setText(json, TOKEN, mutated.base64()));
            // 1 = grantedWithMods is still a grant; 2..5 (rejection, waiting, revocation*) are not
            assertThat(outcome).as("status %d", value).isEqualTo(value == 1 ? Outcome.VERIFIED : INVALID);
        }
    }
}
