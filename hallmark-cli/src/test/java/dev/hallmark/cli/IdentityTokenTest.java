package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The proof-of-possession claim is picked from the token's payload as sigstore-js picks it (sigstore.md §1.1). */
class IdentityTokenTest {
    private static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void aWorkflowTokenProvesPossessionOverItsSubject() {
        IdentityToken t = IdentityToken.parse(jwt("{\"iss\":\"https://issuer\",\"sub\":\"repo:acme/widget:ref:refs/heads/main\"}"));
        assertThat(t.challenge()).isEqualTo("repo:acme/widget:ref:refs/heads/main");
        assertThat(t.issuer()).isEqualTo("https://issuer");
        assertThat(t.toString()).doesNotContain(t.jwt());
    }

    @Test
    void anEmailTokenProvesPossessionOverItsVerifiedEmail() {
        assertThat(IdentityToken.parse(jwt("{\"iss\":\"https://i\",\"sub\":\"123\",\"email\":\"a@example.com\",\"email_verified\":true}"))
                .challenge()).isEqualTo("a@example.com");
        assertThatThrownBy(() -> IdentityToken.parse(jwt("{\"iss\":\"https://i\",\"sub\":\"123\",\"email\":\"a@example.com\"}")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(Main.EXIT_FAILED))
                .hasMessageContaining("email_verified");
    }

    @Test
    void malformedTokensFailWithoutEchoingThem() {
        for (String bad : new String[] {"a.b", "a.!!!.c", jwt("[1]"), jwt("{\"sub\":\"x\"}"), jwt("{\"iss\":\"https://i\"}")}) {
            assertThatThrownBy(() -> IdentityToken.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(Main.EXIT_FAILED))
                    .message().doesNotContain(bad);
        }
    }
}
