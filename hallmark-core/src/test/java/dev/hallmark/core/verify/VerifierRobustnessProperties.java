package dev.hallmark.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.trust.TrustedRootCodec;
import java.time.InstantSource;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Bad input never escapes as anything but a typed error: random byte edits of real bundles either fail to parse
 * ({@link FormatException}) or fail verification ({@link VerificationException}); no other exception, and no edit that
 * changes a signed or logged byte verifies.
 */
class VerifierRobustnessProperties {
    private static final List<String> BUNDLES = List.of(
            "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json",
            "conformance/bundle-verify/happy-path-v0.1/bundle.sigstore.json",
            "npm/sigstore-js/bundleV02-intoto.sigstore");

    private Verifier verifier;
    private List<byte[]> originals;

    @BeforeProperty
    void load() throws Exception {
        verifier = Verifier.create(TrustedRootCodec.parse(Vectors.bytes("conformance/trusted_root.production.json")),
                VerifierOptions.defaults(), InstantSource.system());
        originals = BUNDLES.stream().map(Vectors::bytes).toList();
    }

    @Provide
    Arbitrary<Tuple.Tuple3<Integer, Integer, Byte>> edits() {
        return Arbitraries.integers().between(0, BUNDLES.size() - 1)
                .flatMap(i -> Arbitraries.integers().between(0, originals.get(i).length - 1)
                        .flatMap(pos -> Arbitraries.bytes().map(b -> Tuple.of(i, pos, b))));
    }

    @Property(tries = 600)
    void editedBundlesFailWithATypedError(@ForAll("edits") Tuple.Tuple3<Integer, Integer, Byte> edit) {
        byte[] bytes = originals.get(edit.get1()).clone();
        byte before = bytes[edit.get2()];
        bytes[edit.get2()] = edit.get3();
        boolean changed = before != edit.get3();
        try {
            verifier.verify(BundleCodec.parse(bytes), Policy.forDigest(Digest.sha256(new byte[0])).withoutIdentityUnsafe());
            // The artifact digest is wrong for every bundle, so nothing may verify, edited or not.
            throw new AssertionError("an edited bundle verified (edit changed a byte: " + changed + ")");
        } catch (FormatException | VerificationException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void randomBytesNeverEscapeTheCodec(@ForAll byte[] junk) {
        try {
            BundleCodec.parse(junk);
        } catch (FormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
