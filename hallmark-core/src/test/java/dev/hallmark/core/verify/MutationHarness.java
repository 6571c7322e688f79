package dev.hallmark.core.verify;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.VerificationException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs the verifier on mutated copies of a real bundle: the JSON tree is edited with Jackson, written back and
 * parsed with {@link BundleCodec}, so every mutant goes through the same path as a bundle read from disk.
 */
final class MutationHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    /** After every vector's signing time; vectors are judged at their own trusted times, never at "now". */
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-09-01T00:00:00Z"));

    private MutationHarness() {
    }

    /** What one run ended in: verified, refused by the bundle parser, or rejected by the verifier with a reason. */
    record Outcome(Kind kind, Reason reason) {
        enum Kind { VERIFIED, FORMAT_ERROR, REJECTED }

        static final Outcome VERIFIED = new Outcome(Kind.VERIFIED, null);
        static final Outcome FORMAT_ERROR = new Outcome(Kind.FORMAT_ERROR, null);

        static Outcome rejected(Reason reason) {
            return new Outcome(Kind.REJECTED, reason);
        }

        static Set<Outcome> rejectedWith(Reason... reasons) {
            return Set.copyOf(Arrays.stream(reasons).map(Outcome::rejected).toList());
        }

        @Override
        public String toString() {
            return kind == Kind.REJECTED ? reason.name() : kind.name();
        }
    }

    /** How often each outcome occurred over a family of mutants, with one example mutant per outcome. */
    static final class Tally {
        final Map<Outcome, Integer> counts = new LinkedHashMap<>();
        final Map<Outcome, String> examples = new LinkedHashMap<>();

        void add(Outcome outcome, String mutant) {
            counts.merge(outcome, 1, Integer::sum);
            examples.putIfAbsent(outcome, mutant);
        }

        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        Set<Outcome> outcomes() {
            return counts.keySet();
        }

        @Override
        public String toString() {
            return total() + " mutants " + counts + " e.g. " + examples;
        }
    }

    /** A base bundle with the verifier and policy under which it verifies. */
    record Subject(String name, ObjectNode bundle, Verifier verifier, Policy policy) {
        Outcome verify() {
            return run(bundle, verifier, policy);
        }

        Outcome verify(Policy other) {
            return run(bundle, verifier, other);
        }

        Outcome verifyWith(Verifier other) {
            return run(bundle, other, policy);
        }

        Outcome mutate(Consumer<ObjectNode> mutation) {
            ObjectNode copy = bundle.deepCopy();
            mutation.accept(copy);
            return run(copy, verifier, policy);
        }

        /** Applies {@code mutantAt(i)} for every i in [0, count) and tallies the outcomes. */
        Tally mutateEach(int count, IntFunction<Consumer<ObjectNode>> mutantAt) {
            Tally tally = new Tally();
            for (int i = 0; i < count; i++) {
                tally.add(mutate(mutantAt.apply(i)), "#" + i);
            }
            return tally;
        }

        /**
         * Flips one bit of the base64 field at {@code pointer} for every {@code stride}-th byte; in byte i the bit
         * flipped is i mod 8 (with stride 1, all 8 bits of every byte are flipped: exhaustive).
         */
        Tally flipBits(String pointer, int stride) {
            Bytes original = base64(bundle, pointer);
            Tally tally = new Tally();
            for (int byteIndex = 0; byteIndex < original.length(); byteIndex += stride) {
                int[] bits = stride == 1 ? new int[] {0, 1, 2, 3, 4, 5, 6, 7} : new int[] {byteIndex % 8};
                for (int bit : bits) {
                    Bytes flipped = flip(original, byteIndex * 8 + bit);
                    tally.add(mutate(json -> setText(json, pointer, flipped.base64())), pointer + " byte " + byteIndex + " bit " + bit);
                }
            }
            return tally;
        }

        String text(String pointer) {
            return MutationHarness.text(bundle, pointer);
        }
    }

    static Outcome run(JsonNode json, Verifier verifier, Policy policy) {
        try {
            return run(JSON.writeValueAsBytes(json), verifier, policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome run(byte[] json, Verifier verifier, Policy policy) {
        dev.hallmark.core.bundle.Bundle bundle;
        try {
            bundle = BundleCodec.parse(json);
        } catch (FormatException e) {
            return Outcome.FORMAT_ERROR;
        }
        try {
            verifier.verify(bundle, policy);
            return Outcome.VERIFIED;
        } catch (VerificationException e) {
            return Outcome.rejected(e.reason());
        }
    }

    static ObjectNode readObject(String vector) {
        try {
            return (ObjectNode) JSON.readTree(Vectors.bytes(vector));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrustedRoot root(JsonNode json) {
        try {
            return TrustedRootCodec.parse(JSON.writeValueAsBytes(json));
        } catch (IOException | FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static Verifier verifier(TrustedRoot root) {
        try {
            return Verifier.create(root, VerifierOptions.defaults(), CLOCK);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static Verifier verifier(JsonNode root, InstantSource clock) {
        try {
            return Verifier.create(root(root), VerifierOptions.defaults(), clock);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static Verifier verifier(JsonNode root, VerifierOptions options) {
        try {
            return Verifier.create(root(root), options, CLOCK);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static Bytes flip(Bytes bytes, int bitIndex) {
        byte[] copy = bytes.toArray();
        copy[bitIndex / 8] ^= (byte) (1 << (bitIndex % 8));
        return Bytes.of(copy);
    }

    static String text(JsonNode json, String pointer) {
        JsonNode node = json.at(pointer);
        if (!node.isTextual()) {
            throw new IllegalArgumentException("no text at " + pointer);
        }
        return node.textValue();
    }

    static Bytes base64(JsonNode json, String pointer) {
        try {
            return Bytes.fromBase64(text(json, pointer));
        } catch (FormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Replaces (or adds) the text value at {@code pointer}, whose parent must be an object or array. */
    static void setText(ObjectNode json, String pointer, String value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = json.at(p.head());
        String last = p.last().getMatchingProperty();
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(p.last().getMatchingIndex(), JSON.getNodeFactory().textNode(value));
        } else {
            ((ObjectNode) parent).put(last, value);
        }
    }

    static void remove(ObjectNode json, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        ((ObjectNode) json.at(p.head())).remove(p.last().getMatchingProperty());
    }

    /** Outcome counts per bundle and field, printed after the run with {@code -Dhallmark.printMutants=true}. */
    static final Map<String, Tally> SUMMARY = new TreeMap<>();

    static void record(String name, Tally tally) {
        Tally sum = SUMMARY.computeIfAbsent(name, n -> new Tally());
        tally.counts.forEach((outcome, n) -> sum.counts.merge(outcome, n, Integer::sum));
    }

    static void printSummary() {
        if (Boolean.getBoolean("hallmark.printMutants")) {
            SUMMARY.forEach((name, tally) -> System.out.println("mutants " + name + ": " + tally.total() + " " + tally.counts));
        }
    }
}
