package dev.hallmark.ca.testing;

import dev.hallmark.ca.fulcio.IssuanceException;

/** Runs an action that must be refused and returns the typed reason (tests assert reasons, not texts). */
public final class Refusals {
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private Refusals() {
    }

    public static IssuanceException.Reason reason(Action action) {
        try {
            action.run();
        } catch (IssuanceException e) {
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError("refused with an unexpected exception", e);
        }
        throw new AssertionError("not refused");
    }
}
