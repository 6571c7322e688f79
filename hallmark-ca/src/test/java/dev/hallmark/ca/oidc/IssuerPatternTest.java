package dev.hallmark.ca.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssuerPatternTest {
    private static IssuerPattern wildcard(String pattern) {
        return new IssuerPattern(new IssuerConfig(Optional.empty(), Optional.of(pattern), "sigstore",
                IssuerType.GITHUB_WORKFLOW, "sub"));
    }

    private static IssuerPattern exact(String url) {
        return new IssuerPattern(new IssuerConfig(Optional.of(url), Optional.empty(), "sigstore",
                IssuerType.GITHUB_WORKFLOW, "sub"));
    }

    @Test
    void wildcardStandsForExactlyOneHostLabel() {
        IssuerPattern p = wildcard("https://*.ghe.example/_services/token");
        assertThat(p.matches("https://acme.ghe.example/_services/token")).isTrue();
        assertThat(p.matches("https://a-b_1.ghe.example/_services/token")).isTrue();
        assertThat(p.matches("https://a.b.ghe.example/_services/token")).as("nested label").isFalse();
        assertThat(p.matches("https://.ghe.example/_services/token")).as("empty label").isFalse();
        assertThat(p.matches("https://ghe.example/_services/token")).isFalse();
        assertThat(p.matches("https://acme.ghe.example.evil/_services/token")).isFalse();
        assertThat(p.matches("https://acme.ghe.example/_services/token/x")).as("suffix").isFalse();
        assertThat(p.matches("x https://acme.ghe.example/_services/token")).as("prefix").isFalse();
        assertThat(p.matches("https://evil.example/.ghe.example/_services/token")).as("slash in label").isFalse();
        assertThat(p.matches("https://acmeXghe.example/_services/token")).as("dot is literal").isFalse();
    }

    @Test
    void exactMatchIsStringEquality() {
        IssuerPattern p = exact("https://token.actions.githubusercontent.com");
        assertThat(p.matches("https://token.actions.githubusercontent.com")).isTrue();
        assertThat(p.matches("https://token.actions.githubusercontent.com/")).isFalse();
        assertThat(p.matches("https://token.actions.githubusercontent.com.evil")).isFalse();
        assertThat(p.matches("https://TOKEN.actions.githubusercontent.com")).isFalse();
    }

    @Test
    void badConfigurationsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> wildcard("https://ghe.example"));
        assertThatIllegalArgumentException().isThrownBy(() -> wildcard("*://ghe.example"));
        assertThatIllegalArgumentException().isThrownBy(() -> exact("ftp://issuer.example"));
        assertThatIllegalArgumentException().isThrownBy(() -> exact("http://issuer.example"));
        assertThatIllegalArgumentException().isThrownBy(() -> exact("https://user@issuer.example"));
        assertThat(exact("http://127.0.0.1:8080/oidc/github").matches("http://127.0.0.1:8080/oidc/github")).isTrue();
        assertThat(exact("http://localhost:8080/oidc").matches("http://localhost:8080/oidc")).isTrue();
    }
}
