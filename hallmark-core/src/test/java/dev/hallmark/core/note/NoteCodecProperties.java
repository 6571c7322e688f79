package dev.hallmark.core.note;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Codec round trips: whatever the model holds prints to a note that parses back to the same model, byte for byte. */
class NoteCodecProperties {
    @Property(tries = 1000)
    void signedNotesRoundTrip(@ForAll("notes") SignedNote note) throws FormatException {
        String wire = note.serialize();
        SignedNote parsed = SignedNote.parse(wire);
        assertThat(parsed).isEqualTo(note);
        assertThat(parsed.serialize()).isEqualTo(wire);
    }

    @Property(tries = 1000)
    void checkpointsRoundTrip(@ForAll("lines") String origin, @ForAll @LongRange(min = 0) long size,
            @ForAll("hashes") Bytes root, @ForAll("extensions") List<String> extensions) throws FormatException {
        Checkpoint checkpoint = new Checkpoint(origin, size, root, extensions);
        assertThat(Checkpoint.parse(checkpoint.toNoteText())).isEqualTo(checkpoint);
    }

    @Property(tries = 500)
    void arbitraryInputNeverThrowsAnythingButFormatException(@ForAll("noise") String input) {
        try {
            SignedNote.parse(input);
        } catch (FormatException expected) {
            // the only permitted failure
        }
        try {
            Checkpoint.parse(input);
        } catch (FormatException expected) {
            // the only permitted failure
        }
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '—', '世').ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<List<String>> extensions() {
        return lines().list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Bytes> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Bytes::of);
    }

    @Provide
    Arbitrary<SignedNote> notes() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('\n', 'é', '—')
                .ofMaxLength(200).map(s -> s + "\n");
        Arbitrary<String> names = Arbitraries.strings().withCharRange('!', '~').withChars('é').ofMinLength(1)
                .ofMaxLength(30).filter(s -> !s.contains("+"));
        Arbitrary<NoteSignature> signatures = Combinators.combine(names, Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(100))
                .as((n, id, sig) -> new NoteSignature(n, id, Bytes.of(sig)));
        return Combinators.combine(text, signatures.list().ofMinSize(1).ofMaxSize(20)).as(SignedNote::new);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("\n\n\n—— abc+/=0123456789wNI9ajBGAi\r\u0000é").ofMaxLength(80);
    }
}
