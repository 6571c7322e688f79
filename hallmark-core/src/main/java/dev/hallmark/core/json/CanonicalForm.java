package dev.hallmark.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The tree walk both canonical JSON forms share: object keys sorted, no whitespace. RFC 8785 and the OLPC form of TUF
 * differ only in how keys sort, how strings are escaped and which numbers exist. Unrepresentable nodes throw
 * {@link IllegalArgumentException}.
 */
record CanonicalForm(String name, Comparator<String> keyOrder, BiConsumer<String, StringBuilder> strings,
                     BiConsumer<JsonNode, StringBuilder> numbers) {

    void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort(keyOrder);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    strings.accept(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> strings.accept(node.textValue(), out);
            case NUMBER -> numbers.accept(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException(name + " cannot represent a " + node.getNodeType() + " node");
        }
    }
}
