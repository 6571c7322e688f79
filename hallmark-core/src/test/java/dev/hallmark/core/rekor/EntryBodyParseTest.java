package dev.hallmark.core.rekor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryBodyParseTest {
    private static final String KEY_PEM = Keys.toPem(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).publicKey());
    private static final String KEY = Bytes.utf8(KEY_PEM).base64();
    private static final String HEX = "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
    private static final String SPKI = spki();

    private static String spki() {
        try {
            return Bytes.of(Keys.pemBlock(KEY_PEM, "PUBLIC KEY")).base64();
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hashedrekord(String algorithm, String value, String key) {
        return "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"" + algorithm
                + "\",\"value\":\"" + value + "\"}},\"signature\":{\"content\":\"MEUC\",\"publicKey\":{\"content\":\"" + key + "\"}}}}";
    }

    private static String v2(String verifier) {
        return "{\"apiVersion\":\"0.0.2\",\"kind\":\"hashedrekord\",\"spec\":{\"hashedRekordV002\":{\"data\":{\"algorithm\":\"SHA2_256\","
                + "\"digest\":\"oM/HEnHW4njlfNMy/5V8P3BD/do1TEy7GQow1W76Ab8=\"},\"signature\":{\"content\":\"MEUC\",\"verifier\":"
                + verifier + "}}}}";
    }

    private static EntryBody parse(String json) throws FormatException {
        return EntryBody.parse(Bytes.utf8(json));
    }

    @Test
    void parsesAMinimalHashedRekordWithAPublicKey() throws FormatException {
        HashedRekordV001 body = (HashedRekordV001) parse(hashedrekord("sha256", HEX, KEY));
        assertThat(body.data().hex()).isEqualTo(HEX);
        assertThat(body.verifier().kind()).isEqualTo(VerifierKey.Kind.PUBLIC_KEY);
        assertThat(body.kind()).isEqualTo("hashedrekord");
        assertThat(body.apiVersion()).isEqualTo("0.0.1");
    }

    @Test
    void parsesAV2BodyWithAPublicKey() throws FormatException {
        HashedRekordV002 body = (HashedRekordV002) parse(v2("{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"publicKey\":{\"rawBytes\":\"" + SPKI + "\"}}"));
        assertThat(body.verifier().algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(body.verifier().key().kind()).isEqualTo(VerifierKey.Kind.PUBLIC_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"rekord\",\"spec\":{}}",
        "{\"apiVersion\":\"0.0.3\",\"kind\":\"dsse\",\"spec\":{}}",
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"intoto\",\"spec\":{}}",
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\"}",
        "{\"kind\":\"hashedrekord\",\"spec\":{}}",
        "{\"apiVersion\":\"0.0.1\"}",
        "[]",
        "",
    })
    void rejectsUnknownOrIncompleteEntries(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsMalformedHashedRekordFields() {
        assertThatThrownBy(() -> parse(hashedrekord("SHA2_256", HEX, KEY))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(hashedrekord("md5", HEX, KEY))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(hashedrekord("sha256", HEX.substring(2), KEY))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(hashedrekord("sha256", HEX, "bm90IHBlbQ=="))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(hashedrekord("sha256", HEX, Bytes.utf8(KEY_PEM + KEY_PEM).base64())))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(hashedrekord("sha256", HEX, "")))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsMalformedV2Verifiers() {
        String key = "\"publicKey\":{\"rawBytes\":\"" + SPKI + "\"}";
        assertThatThrownBy(() -> parse(v2("{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(v2("{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"," + key
                + ",\"x509Certificate\":{\"rawBytes\":\"" + SPKI + "\"}}"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(v2("{\"keyDetails\":\"PKIX_UNKNOWN\"," + key + "}"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(v2("{" + key + "}"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse(v2("{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"x509Certificate\":{\"rawBytes\":\"" + SPKI + "\"}}")))
                .isInstanceOf(FormatException.class); // an SPKI is not a certificate
    }

    @Test
    void rejectsADsseBodyStillHoldingProposedContent() {
        String json = "{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{\"proposedContent\":{\"envelope\":\"{}\",\"verifiers\":[]}}}";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsIntotoSignaturesThatAreNotDoubleBase64() {
        String once = "MEUCIQ==";
        String json = "{\"apiVersion\":\"0.0.2\",\"kind\":\"intoto\",\"spec\":{\"content\":{\"envelope\":{\"payloadType\":\"t\","
                + "\"signatures\":[{\"publicKey\":\"" + KEY + "\",\"sig\":\"" + once + "\"}]},\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
                + HEX + "\"},\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"" + HEX + "\"}}}}";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FormatException.class);
        String twice = Bytes.utf8(once).base64();
        assertThat(catchParse(json.replace(once, twice))).isInstanceOf(IntotoV002.class);
    }

    private static EntryBody catchParse(String json) {
        try {
            return parse(json);
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rejectsBodiesOverOneMebibyte() {
        Bytes big = Bytes.utf8(hashedrekord("sha256", HEX, KEY).replace("\"MEUC\"", "\"" + "A".repeat(EntryBody.MAX_BYTES) + "\""));
        assertThatThrownBy(() -> EntryBody.parse(big)).isInstanceOf(FormatException.class);
    }

    @Test
    void verifierPemAcceptsCrlfAndReEncodesAsGoDoes() throws FormatException {
        VerifierKey key = VerifierKey.fromPem(KEY_PEM.replace("\n", "\r\n"));
        assertThat(key.toPem()).isEqualTo(KEY_PEM.replace("\r\n", "\n"));
        assertThat(key.toPem()).endsWith("-----END PUBLIC KEY-----\n");
        assertThat(key.spki()).isEqualTo(key.der());
        assertThatThrownBy(() -> VerifierKey.fromPem(KEY_PEM.replace("PUBLIC KEY", "PRIVATE KEY"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> VerifierKey.fromPem(KEY_PEM.replace("-----END PUBLIC KEY-----", ""))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> VerifierKey.publicKey(Bytes.of(new byte[] {0x30, 0x00}))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> VerifierKey.publicKey(key.der().concat(Bytes.of(new byte[] {0})))).isInstanceOf(FormatException.class);
    }

    /** Flipping bytes of real bodies never makes the parser throw anything but FormatException. */
    @Property(tries = 300)
    void corruptedRealBodiesOnlyEverFailWithFormatException(@ForAll @IntRange(min = 0, max = 1000) int which,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll byte value) throws FormatException {
        List<BundleVectors.Entry> entries = Corpus.ENTRIES;
        byte[] body = entries.get(which % entries.size()).body().toArray();
        body[position % body.length] = value;
        try {
            EntryBody.parse(Bytes.of(body));
        } catch (FormatException expected) {
            // fine
        }
    }

    private static final class Corpus {
        static final List<BundleVectors.Entry> ENTRIES = BundleVectors.all();
    }
}
