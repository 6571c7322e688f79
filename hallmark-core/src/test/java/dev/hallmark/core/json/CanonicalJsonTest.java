package dev.hallmark.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hallmark.core.FormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 examples (§3.2.2, §3.2.3, Appendix B). */
class CanonicalJsonTest {
    private static String jcs(String json) throws FormatException {
        return new String(CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void rfc8785Section322Example() throws FormatException {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;
        assertThat(jcs(input)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void rfc8785Section323SortsByUtf16CodeUnits() throws FormatException {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }
                """;
        assertThat(jcs(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555555, 333333333.3333333",
        "444b1ae4d6e2ef50, 1e+21",
        "444b1ae4d6e2ef4f, 999999999999999900000",
    })
    void rfc8785AppendixBNumbers(String ieeeHex, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
        assertThat(new String(CanonicalJson.canonicalize(new DoubleNode(value)), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void rejectsNonFiniteNumbersAndLoneSurrogates() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(new DoubleNode(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(new TextNode("\ud800")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jcs("{\"a\":\"\\udc00\"}")).isInstanceOf(FormatException.class);
    }

    @Test
    void quoteMatchesJsonStringify() {
        assertThat(CanonicalJson.quote("a\"b\\c\u0001\u001f\u007f\u2028/")).isEqualTo("\"a\\\"b\\\\c\\u0001\\u001f\u007f\u2028/\"");
        assertThat(CanonicalJson.quote("\ud800")).isEqualTo("\"\\ud800\"");
    }

    @Test
    void rekorSetPayloadShape() throws FormatException {
        // sigstore.md §3.3: keys sorted, integers plain, no whitespace.
        assertThat(jcs("{\"logIndex\":953297574,\"logID\":\"c0d2\",\"integratedTime\":1771111723,\"body\":\"eyJ9\"}"))
                .isEqualTo("{\"body\":\"eyJ9\",\"integratedTime\":1771111723,\"logID\":\"c0d2\",\"logIndex\":953297574}");
    }
}
