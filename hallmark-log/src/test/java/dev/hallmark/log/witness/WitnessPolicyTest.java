package dev.hallmark.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.CosignatureSigner;
import dev.hallmark.core.note.VerifierKey;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The witness policy text (Tessera / rekor-tiles {@code --witness-policy-path}, sigstore.md §4.4). */
class WitnessPolicyTest {
    static final String A = vkey("witness.example/a");
    static final String B = vkey("witness.example/b");
    static final String C = vkey("witness.example/c");

    static String vkey(String name) {
        try {
            return CosignatureSigner.of(name, Signer.generate(SignatureAlgorithm.ED25519)).verifierKey().format();
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static String three() {
        return "# three witnesses\n"
                + "witness a " + A + " https://a.example/w/\n"
                + "witness b " + B + " http://127.0.0.1:8080\n"
                + "witness\tc  " + C + "  https://c.example   # trailing comment\n\n";
    }

    @Test
    void parsesWitnessesAndKOfN() throws Exception {
        WitnessPolicy p = WitnessPolicy.parse(three() + "quorum 2\n");
        assertThat(p.witnesses()).extracting(WitnessPolicy.Witness::name).containsExactly("a", "b", "c");
        assertThat(p.witnesses().get(0).url()).isEqualTo(URI.create("https://a.example/w"));
        assertThat(p.witnesses().get(0).key()).isEqualTo(VerifierKey.parse(A));
        assertThat(p.witnesses().get(2).verifier().name()).isEqualTo("witness.example/c");
        assertThat(p.failOpen()).isFalse();
        assertThat(p.quorum().isMetBy(Set.of("a"))).isFalse();
        assertThat(p.quorum().isMetBy(Set.of("a", "c"))).isTrue();
        assertThat(p.withFailOpen(true).failOpen()).isTrue();
    }

    @Test
    void quorumOfNamesNeedsAllOfThem() throws Exception {
        Quorum q = WitnessPolicy.parse(three() + "quorum a c\n").quorum();
        assertThat(q.isMetBy(Set.of("a", "b"))).isFalse();
        assertThat(q.isMetBy(Set.of("a", "c"))).isTrue();
        assertThat(WitnessPolicy.parse(three() + "quorum b\n").quorum()).isEqualTo(new Quorum.Witness("b"));
    }

    @Test
    void groupsNest() throws Exception {
        Quorum q = WitnessPolicy.parse(three() + "group ab any a b\ngroup top all ab c\nquorum top\n").quorum();
        assertThat(q.isMetBy(Set.of("b", "c"))).isTrue();
        assertThat(q.isMetBy(Set.of("a", "b"))).isFalse();
        assertThat(WitnessPolicy.parse(three() + "group g 2 a b c\nquorum g").quorum().isMetBy(Set.of("c", "b")))
                .isTrue();
    }

    @Test
    void quorumNoneIsAlwaysMet() throws Exception {
        WitnessPolicy p = WitnessPolicy.parse(three() + "quorum none\n");
        assertThat(p.quorum().isMetBy(Set.of())).isTrue();
        assertThat(WitnessPolicy.parse("quorum none\n").witnesses()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "witness a %A https://a.example\\nquorum 2|2",          // k exceeds n
        "witness a %A https://a.example\\nquorum 0|2",          // zero is not a threshold
        "witness a %A https://a.example\\nquorum b|2",          // unknown name
        "witness a %A https://a.example\\nquorum a\\nquorum a|3", // two quorum lines
        "witness a %A|1",                                      // missing URL
        "witness a %A ftp://a.example\\nquorum a|1",            // not http(s)
        "witness a %A https://u@a.example\\nquorum a|1",        // user info
        "witness a %A https://a.example/?x=1\\nquorum a|1",     // query
        "witness a not-a-vkey https://a.example|1",
        "witness a %L https://a.example|1",                    // a log (type 0x01) key, not a cosignature key
        "witness a %A https://a.example\\nwitness a %B https://b.example|2", // duplicate name
        "witness a %A https://a.example\\nwitness b %A https://b.example|2", // duplicate key
        "witness none %A https://a.example|1",                 // reserved name
        "\\n\\nlog %A|3",                                      // unknown keyword
        "witness a %A https://a.example\\ngroup g 3 a|2",      // group threshold too large
        "witness a %A https://a.example\\ngroup g any a a|2",  // member twice
        "witness a %A https://a.example\\ngroup g any h|2",    // member not defined earlier
        "witness a %A https://a.example\\n|2",                  // no quorum line at all: last line
        "quorum 1|1",                                          // k of no witnesses
        "witness a %A https://a.example\\u0001\\nquorum a|1",   // control character
    })
    void rejectsWithTheLineNumber(String template, int line) {
        String text = template.replace("\\n", "\n").replace("\\u0001", "\u0001").replace("%A", A)
                .replace("%B", B).replace("%L", logVkey());
        assertThatThrownBy(() -> WitnessPolicy.parse(text)).isInstanceOf(FormatException.class)
                .hasMessageStartingWith("line " + line + ":");
    }

    @Test
    void rejectsOversizedText() {
        assertThatThrownBy(() -> WitnessPolicy.parse("#".repeat(WitnessPolicy.MAX_TEXT + 1)))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> WitnessPolicy.parse(null)).isInstanceOf(FormatException.class);
    }

    private static String logVkey() {
        try {
            return VerifierKey.ed25519("log.example", Signer.generate(SignatureAlgorithm.ED25519).publicKey())
                    .format();
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
