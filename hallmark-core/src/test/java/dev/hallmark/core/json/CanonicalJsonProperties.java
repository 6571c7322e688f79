package dev.hallmark.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hallmark.core.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.erdtman.jcs.JsonCanonicalizer;

/** Our tree canonicalizer agrees with the reference JCS implementation and is idempotent. */
class CanonicalJsonProperties {
    @Property(tries = 300)
    void agreesWithTheReferenceImplementation(@ForAll("trees") JsonNode value) throws IOException {
        ArrayNode tree = Json.array().add(value); // the reference takes only an object or array at the top
        String text = new String(Json.write(tree), StandardCharsets.UTF_8);
        byte[] reference = new JsonCanonicalizer(text).getEncodedUTF8();
        assertThat(new String(CanonicalJson.canonicalize(tree), StandardCharsets.UTF_8))
                .isEqualTo(new String(reference, StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void isIdempotent(@ForAll("trees") JsonNode tree) throws FormatException {
        byte[] once = CanonicalJson.canonicalize(tree);
        assertThat(CanonicalJson.canonicalize(once)).isEqualTo(once);
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return node(3);
    }

    private Arbitrary<JsonNode> node(int depth) {
        Arbitrary<String> strings = Arbitraries.strings().withCharRange('\u0000', '\u00ff')
                .withChars('\u20ac', '\u2028', '\ufb33', 'é').ofMaxLength(8)
                .injectDuplicates(0.2);
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
                strings.map(TextNode::new),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(LongNode::new),
                Arbitraries.doubles().filter(Double::isFinite).map(DoubleNode::new),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<JsonNode> arrays = node(depth - 1).list().ofMaxSize(4).map(items -> {
            ArrayNode a = Json.array();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Arbitraries.entries(strings, node(depth - 1)).list().ofMaxSize(4)
                .map(CanonicalJsonProperties::object);
        return Arbitraries.frequencyOf(Tuple.of(3, leaves), Tuple.of(1, arrays), Tuple.of(1, objects));
    }

    private static JsonNode object(List<java.util.Map.Entry<String, JsonNode>> entries) {
        ObjectNode o = Json.object();
        entries.forEach(e -> o.set(e.getKey(), e.getValue()));
        return o;
    }
}
