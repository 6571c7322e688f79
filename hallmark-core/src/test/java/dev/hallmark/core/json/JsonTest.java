package dev.hallmark.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String s) throws FormatException {
        return Json.parse(utf8(s), 1 << 20);
    }

    @Test
    void parsesAValidDocument() throws FormatException {
        JsonNode node = parse("{\"a\":[1,\"x\",true,null],\"b\":{\"c\":1.5}}");
        assertThat(node.get("a").size()).isEqualTo(4);
        assertThat(node.get("b").get("c").doubleValue()).isEqualTo(1.5);
    }

    @Test
    void rejectsInputOverTheSizeLimit() {
        assertThatThrownBy(() -> Json.parse(utf8("{\"a\":\"0123456789\"}"), 10)).isInstanceOf(FormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,\"a\":2}",                 // duplicate key
        "{\"a\":{\"b\":1,\"b\":1}}",         // duplicate key, nested
        "{\"a\":1} {\"b\":2}",               // trailing value
        "{\"a\":1}x",                        // trailing garbage
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":-Infinity}",
        "{/*c*/\"a\":1}",
        "{\"a\":1 // c\n}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":[1,]}",
        "{\"a\":01}",
        "",
        "   ",
        "{\"a\":\"\\x\"}",
    })
    void rejectsNonStrictJson(String input) {
        assertThatThrownBy(() -> parse(input)).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> Json.parse(bad, 100)).isInstanceOf(FormatException.class);
    }

    @Test
    void limitsNestingDepthTo64() throws FormatException {
        assertThat(parse("[".repeat(64) + "]".repeat(64))).isNotNull();
        assertThatThrownBy(() -> parse("[".repeat(65) + "]".repeat(65))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> parse("{\"a\":".repeat(100) + "1" + "}".repeat(100))).isInstanceOf(FormatException.class);
    }

    @Test
    void parseObjectRejectsOtherTopLevelValues() {
        assertThatThrownBy(() -> Json.parseObject(utf8("[1]"), 100)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.parseObject(utf8("\"s\""), 100)).isInstanceOf(FormatException.class);
    }

    @Test
    void fieldHelpersCheckPresenceAndType() throws FormatException {
        JsonNode node = parse("{\"s\":\"x\",\"e\":\"\",\"n\":1,\"o\":{},\"a\":[],\"z\":null,\"b\":true}");
        assertThat(Json.requireText(node, "s")).isEqualTo("x");
        assertThat(Json.optionalText(node, "s")).contains("x");
        assertThat(Json.optionalText(node, "missing")).isEmpty();
        assertThat(Json.optionalText(node, "z")).isEmpty();
        assertThat(Json.requireObject(node, "o").isEmpty()).isTrue();
        assertThat(Json.requireArray(node, "a").isEmpty()).isTrue();
        assertThat(Json.optionalArray(node, "missing").isEmpty()).isTrue();
        assertThat(Json.requireBoolean(node, "b")).isTrue();
        assertThatThrownBy(() -> Json.requireText(node, "n")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.requireText(node, "missing")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.requireText(node, "z")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.requireNonEmptyText(node, "e")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.optionalText(node, "o")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.requireObject(node, "a")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.requireArray(node, "o")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.optionalArray(node, "s")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.requireText(node.get("a"), "s")).isInstanceOf(FormatException.class);
    }

    @Test
    void decodesBase64AndHex() throws FormatException {
        JsonNode node = parse("{\"b\":\"AAEC\",\"bad\":\"A*==\",\"h\":\"00FF\",\"hbad\":\"0g\"}");
        assertThat(Json.requireBase64(node, "b")).isEqualTo(Bytes.of(new byte[] {0, 1, 2}));
        assertThat(Json.optionalBase64(node, "missing")).isEmpty();
        assertThat(Json.requireHex(node, "h")).isEqualTo(Bytes.of(new byte[] {0, (byte) 0xff}));
        assertThatThrownBy(() -> Json.requireBase64(node, "bad")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Json.requireHex(node, "hbad")).isInstanceOf(FormatException.class);
    }

    @Test
    void int64AcceptsProto3StringsAndPlainIntegers() throws FormatException {
        JsonNode node = parse("{\"s\":\"953297574\",\"n\":953297574,\"zero\":\"0\",\"max\":\"9223372036854775807\"}");
        assertThat(Json.requireInt64String(node, "s")).isEqualTo(953297574L);
        assertThat(Json.requireInt64String(node, "n")).isEqualTo(953297574L);
        assertThat(Json.requireInt64String(node, "zero")).isZero();
        assertThat(Json.requireInt64String(node, "max")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.optionalInt64String(node, "missing")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"-1\"", "-1", "\"9223372036854775808\"", "9223372036854775808", "\"1.0\"", "1.0", "1e3", "\"1e3\"",
        "\"+1\"", "\" 1\"", "\"\"", "\"007\"", "\"0x10\"", "true", "{}", "[]", "\"99999999999999999999\"",
    })
    void int64RejectsEverythingElse(String value) throws FormatException {
        JsonNode node = parse("{\"v\":" + value + "}");
        assertThatThrownBy(() -> Json.requireInt64String(node, "v")).isInstanceOf(FormatException.class);
    }

    @Test
    void writesCompactJsonInInsertionOrder() {
        var node = Json.object();
        node.put("z", 1);
        node.put("a", "x");
        assertThat(new String(Json.write(node), StandardCharsets.UTF_8)).isEqualTo("{\"z\":1,\"a\":\"x\"}");
    }
}
