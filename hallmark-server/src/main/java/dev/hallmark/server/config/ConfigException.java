package dev.hallmark.server.config;

import java.util.List;

/**
 * {@code hallmark.yaml} (or a flag overriding it) is unusable. It carries every problem found, so an operator fixes
 * them in one round; the message is the one line {@code hallmark serve} prints.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("hallmark.yaml: " + String.join("; ", problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code <key path> <what is wrong>}, e.g. {@code server.port must be 0..65535}. */
    public List<String> problems() {
        return problems;
    }
}
