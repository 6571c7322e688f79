package dev.hallmark.ca.fulcio;

import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import java.util.Optional;

/**
 * Fulcio's claim templates (sigstore.md §1.3, {@code config/identity/config.yaml}): a bare name is the value of that
 * variable; otherwise every {@code {{name}}} is replaced. A variable a template needs but the token lacks fails the
 * issuance (MISSING_CLAIM); an empty result means the extension is omitted.
 */
final class ClaimTemplate {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

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
            out.append(require(template.substring(open + OPEN.length(), close).strip(), variables));
            at = close + CLOSE.length();
        }
    }

    /** Checks a template's syntax at configuration time, so a typo fails at start-up rather than at issuance. */
    static void validate(String template) {
        int at = 0;
        while (true) {
            int open = template.indexOf(OPEN, at);
            if (open < 0) {
                return;
            }
            int close = template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0 || template.substring(open + OPEN.length(), close).isBlank()) {
                throw new IllegalArgumentException("malformed template " + template);
            }
            at = close + CLOSE.length();
        }
    }

    private static String require(String name, Variables variables) throws IssuanceException {
        return variables.get(name).orElseThrow(() -> new IssuanceException(Reason.MISSING_CLAIM, "the token lacks the claim " + name));
    }
}
