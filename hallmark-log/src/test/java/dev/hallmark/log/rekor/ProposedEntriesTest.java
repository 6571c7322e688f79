package dev.hallmark.log.rekor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSigner;
import dev.hallmark.core.rekor.DsseV001;
import dev.hallmark.core.rekor.EntryBody;
import dev.hallmark.core.rekor.IntotoV002;
import dev.hallmark.log.rekor.EntryRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One negative case per reason a proposed Rekor v1 entry is refused, and the accepted forms. */
class ProposedEntriesTest {
    private static final byte[] ARTIFACT = "artifact".getBytes(StandardCharsets.UTF_8);
    private final Signer signer = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final Signer other = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final String pem = Keys.toPem(signer.publicKey());
    private final Envelope envelope = EnvelopeSigner.withoutKeyid(signer).sign("application/vnd.in-toto+json", Bytes.utf8("{}"));

    private static Reason reasonOf(Bytes proposed) {
        EntryRejectedException e = catchThrowableOfType(EntryRejectedException.class,
                () -> ProposedEntries.canonicalBody(proposed, 1 << 20));
        assertThat(e).as("rejected").isNotNull();
        return e.reason();
    }

    private static Bytes text(String json) {
        return Bytes.utf8(json);
    }

    @Test
    void acceptsEachKindAndReturnsTheCoreCanonicalBody() throws Exception {
        EntryBody hashed = ProposedEntries.canonicalBody(RekorFixtures.hashedRekord(signer, ARTIFACT), 1 << 20);
        assertThat(hashed.kind()).isEqualTo("hashedrekord");
        EntryBody dsse = ProposedEntries.canonicalBody(RekorFixtures.dsse(envelope.toJson(), pem), 1 << 20);
        assertThat(dsse).isEqualTo(DsseV001.fromProposed(envelope.toJson(), List.of(pem)));
        EntryBody intoto = ProposedEntries.canonicalBody(RekorFixtures.intoto(envelope, pem), 1 << 20);
        assertThat(intoto).isEqualTo(IntotoV002.fromProposed(envelope, List.of(pem)));
        // a dsse entry with several verifiers: the one that signed is recorded
        EntryBody two = ProposedEntries.canonicalBody(RekorFixtures.dsse(envelope.toJson(), Keys.toPem(other.publicKey()), pem), 1 << 20);
        assertThat(((DsseV001) two).signatures()).singleElement()
                .satisfies(s -> assertThat(s.verifier().der()).isEqualTo(Keys.spki(signer.publicKey())));
    }

    @Test
    void malformed() {
        assertThat(reasonOf(text("not json"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(text("[1]"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(text("{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\"}"))).isEqualTo(Reason.MALFORMED);
        Bytes badHex = Bytes.utf8(new String(RekorFixtures.hashedRekord(signer, ARTIFACT).toArray(), StandardCharsets.UTF_8)
                .replace(Digest.sha256(ARTIFACT).hex(), "abcd"));
        assertThat(reasonOf(badHex)).isEqualTo(Reason.MALFORMED);
        Bytes badPem = RekorFixtures.hashedRekord(Digest.sha256(ARTIFACT), signer.sign(ARTIFACT), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThat(reasonOf(badPem)).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(RekorFixtures.dsse("{\"payload\":", pem))).isEqualTo(Reason.MALFORMED);
        // an intoto payloadHash that is not the payload's
        String intoto = new String(RekorFixtures.intoto(envelope, pem).toArray(), StandardCharsets.UTF_8)
                .replace(Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)).hex(), Digest.sha256(ARTIFACT).hex());
        assertThat(reasonOf(text(intoto))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void unsupportedKind() {
        assertThat(reasonOf(text("{\"kind\":\"rekord\",\"apiVersion\":\"0.0.1\",\"spec\":{}}"))).isEqualTo(Reason.UNSUPPORTED_KIND);
        assertThat(reasonOf(text("{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.2\",\"spec\":{}}"))).isEqualTo(Reason.UNSUPPORTED_KIND);
        assertThat(reasonOf(text("{\"kind\":\"dsse\",\"apiVersion\":\"0.0.2\",\"spec\":{}}"))).isEqualTo(Reason.UNSUPPORTED_KIND);
    }

    @Test
    void unsigned() {
        String noSig = "{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
                + Digest.sha256(ARTIFACT).hex() + "\"}}}}";
        assertThat(reasonOf(text(noSig))).isEqualTo(Reason.UNSIGNED);
        Envelope bare = new Envelope("application/vnd.in-toto+json", Bytes.utf8("{}"), List.of());
        assertThat(reasonOf(RekorFixtures.dsse(bare.toJson(), pem))).isEqualTo(Reason.UNSIGNED);
        assertThat(reasonOf(RekorFixtures.dsse(envelope.toJson()))).isEqualTo(Reason.UNSIGNED);
        String intoto = new String(RekorFixtures.intoto(envelope, pem).toArray(), StandardCharsets.UTF_8)
                .replaceAll("\"signatures\":\\[\\{[^]]*\\}\\]", "\"signatures\":[]");
        assertThat(reasonOf(text(intoto))).isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void badSignature() {
        Bytes wrongSig = RekorFixtures.hashedRekord(Digest.sha256(ARTIFACT), other.sign(ARTIFACT), pem);
        assertThat(reasonOf(wrongSig)).isEqualTo(Reason.BAD_SIGNATURE);
        Bytes wrongArtifact = RekorFixtures.hashedRekord(Digest.sha256("other".getBytes(StandardCharsets.UTF_8)), signer.sign(ARTIFACT), pem);
        assertThat(reasonOf(wrongArtifact)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(reasonOf(RekorFixtures.dsse(envelope.toJson(), Keys.toPem(other.publicKey())))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(reasonOf(RekorFixtures.intoto(envelope, Keys.toPem(other.publicKey())))).isEqualTo(Reason.BAD_SIGNATURE);
        // a changed payload no longer matches the signature over the PAE
        Envelope tampered = new Envelope(envelope.payloadType(), Bytes.utf8("{\"x\":1}"), envelope.signatures());
        assertThat(reasonOf(RekorFixtures.dsse(tampered.toJson(), pem))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void unsupportedKey() {
        Signer ed = Signer.generate(SignatureAlgorithm.ED25519);
        assertThat(reasonOf(RekorFixtures.hashedRekord(Digest.sha256(ARTIFACT), ed.sign(ARTIFACT), Keys.toPem(ed.publicKey()))))
                .isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(reasonOf(RekorFixtures.hashedRekord(Digest.sha512(ARTIFACT), signer.sign(ARTIFACT), pem)))
                .isEqualTo(Reason.UNSUPPORTED_KEY);
    }
}
