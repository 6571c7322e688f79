package dev.hallmark.registry.upstream;

import static dev.hallmark.registry.upstream.UpstreamDocs.integrity;
import static dev.hallmark.registry.upstream.UpstreamDocs.shasum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DistDigestTest {
    static final byte[] A = "tarball A".getBytes(StandardCharsets.UTF_8);
    static final byte[] B = "tarball B".getBytes(StandardCharsets.UTF_8);

    static String sri(String algorithm, String jca, byte[] data) throws Exception {
        return algorithm + "-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance(jca).digest(data));
    }

    @Test
    void theStrongestIntegrityAlgorithmDecides() throws Exception {
        DistDigest d = DistDigest.parse(Optional.of(sri("sha1", "SHA-1", A) + " " + integrity(B)), Optional.empty());
        assertThat(d.algorithm()).contains("sha512");
        assertThat(d.matches(B)).isTrue();
        assertThat(d.matches(A)).isFalse(); // a matching weaker hash does not rescue a sha512 mismatch
        DistDigest either = DistDigest.parse(Optional.of(integrity(A) + "?opt " + integrity(B)), Optional.empty());
        assertThat(either.matches(A)).isTrue();
        assertThat(either.matches(B)).isTrue();
        assertThat(DistDigest.parse(Optional.of(sri("sha256", "SHA-256", A)), Optional.empty()).matches(A)).isTrue();
    }

    @Test
    void theShasumIsTheFallbackAndIsCheckedWheneverPresent() throws Exception {
        assertThat(DistDigest.parse(Optional.empty(), Optional.of(shasum(A))).matches(A)).isTrue();
        assertThat(DistDigest.parse(Optional.empty(), Optional.of(shasum(A).toUpperCase())).matches(B)).isFalse();
        assertThat(DistDigest.parse(Optional.of("md5-AAAA"), Optional.of(shasum(A))).matches(A)).isTrue();
        assertThat(DistDigest.parse(Optional.of(integrity(A)), Optional.of(shasum(B))).matches(A)).isFalse();
    }

    @Test
    void malformedOrMissingDigestsAreFormatErrors() {
        assertThatThrownBy(() -> DistDigest.parse(Optional.empty(), Optional.empty())).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> DistDigest.parse(Optional.of("md5-AAAA"), Optional.empty()))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> DistDigest.parse(Optional.of("sha512-%%%"), Optional.empty()))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> DistDigest.parse(Optional.of("sha512-AAAA"), Optional.empty()))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> DistDigest.parse(Optional.empty(), Optional.of("xyz"))).isInstanceOf(FormatException.class);
    }
}
