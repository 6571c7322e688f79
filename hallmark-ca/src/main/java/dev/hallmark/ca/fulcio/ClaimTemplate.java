package dev.hallmark.ca.fulcio;

import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fulcio's claim templates (sigstore.md §1.3, {@code config/identity/config.yaml}): a bare name is the value of that
 * variable; otherwise every {@code {{name}}} is replaced. Fulcio writes variables as Go templates, {@code {{ .name }}};
 * that spelling means the same here. Nothing else of Go's template language is supported (no {@code if}, no
 * {@code index}): such a template is malformed, refused when the configuration is read. A variable a template needs
 * but the token lacks fails the issuance (MISSING_CLAIM); an empty result means the extension is omitted.
 */
final class ClaimTemplate {
    /** Templates are short (a URI pattern); a longer one is a configuration mistake. */
    static final int MAX_LENGTH = 1024;
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    /** Claim names as issuers use them, including namespaced ones such as {@code oidc.circleci.com/project-id}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]{0,127}");

    /** Whether {@code name} can name a claim or a default value (letters, digits, {@code _ . / -}; up to 128). */
    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Resolves a variable: derived values, then the token's claims, then the profile's defaults. */
    interface Variables {
        Optional<String> get(String name) throws IssuanceException;
    }

    private ClaimTemplate() {
    }

    static String expand(String template, Variables variables) throws IssuanceException {
        if (!template.contains(OPEN)) {
            return require(template, variables);
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf(OPEN, at);
            if (open < 0) {
                out.append(template, at, template.length());
                return out.toString();
            }
            int close = template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw new IllegalArgumentException("unterminated variable in template " + template);
            }
            out.append(template, at, open);
            out.append(require(variableName(template.substring(open + OPEN.length(), close)), variables));
            at = close + CLOSE.length();
        }
    }

    /** Checks a template's syntax at configuration time, so a typo fails at start-up rather than at issuance. */
    static void validate(String template) {
        problem(template).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** What is wrong with a template, if anything, in words for the configuration's error list. */
    static Optional<String> problem(String template) {
        if (template.isEmpty() || template.length() > MAX_LENGTH) {
            return Optional.of("a template is 1.." + MAX_LENGTH + " characters");
        }
        if (!template.contains(OPEN)) {
            return template.contains(CLOSE) || !NAME.matcher(template).matches()
                    ? Optional.of("'" + template + "' is neither a claim name nor a {{claim}} template")
                    : Optional.empty();
        }
        int at = 0;
        while (true) {
            int open = template.indexOf(OPEN, at);
            String literal = template.substring(at, open < 0 ? template.length() : open);
            if (literal.contains(CLOSE)) {
                return Optional.of("'" + template + "' has '}}' without '{{'");
            }
            if (open < 0) {
                return Optional.empty();
            }
            int close = template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                return Optional.of("'" + template + "' has '{{' without '}}'");
            }
            String name = variableName(template.substring(open + OPEN.length(), close));
            if (!NAME.matcher(name).matches()) {
                return Optional.of("'" + template + "' has a variable that is not a claim name: {{"
                        + template.substring(open + OPEN.length(), close) + "}}");
            }
            at = close + CLOSE.length();
        }
    }

    /** {@code name}, {@code  name }, {@code .name} and {@code  .name } (Fulcio's Go-template spelling) all mean name. */
    private static String variableName(String inside) {
        String name = inside.strip();
        return name.startsWith(".") ? name.substring(1) : name;
    }

    private static String require(String name, Variables variables) throws IssuanceException {
        return variables.get(name).orElseThrow(() -> new IssuanceException(Reason.MISSING_CLAIM, "the token lacks the claim " + name));
    }
}
