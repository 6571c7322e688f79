package dev.hallmark.core.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class EnvelopeProperties {
    private static final Signer SIGNER = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    @Property(tries = 200)
    void jsonRoundTrips(@ForAll @StringLength(max = 20) String payloadType, @ForAll byte[] payload,
            @ForAll @StringLength(max = 10) String keyid, @ForAll boolean writeEmptyKeyid) throws FormatException {
        if (payloadType.isEmpty() || payloadType.chars().anyMatch(c -> Character.isSurrogate((char) c)) || keyid.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
            return;
        }
        Envelope envelope = new EnvelopeSigner(SIGNER, keyid).sign(payloadType, Bytes.of(payload));
        assertThat(Envelope.parse(envelope.toJson(writeEmptyKeyid).getBytes(StandardCharsets.UTF_8))).isEqualTo(envelope);
    }

    @Property(tries = 300)
    void corruptedEnvelopesOnlyFailWithFormatException(@ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte value) {
        byte[] json = new EnvelopeSigner(SIGNER, "k").sign("application/vnd.in-toto+json", Bytes.utf8("{\"a\":1}"))
                .toJson().getBytes(StandardCharsets.UTF_8);
        json[position % json.length] = value;
        try {
            Envelope.parse(json);
        } catch (FormatException expected) {
            // fine
        }
    }
}
