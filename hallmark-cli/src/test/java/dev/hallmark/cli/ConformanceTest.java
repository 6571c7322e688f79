package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.Vectors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sigstore-conformance bundle-verify case, through the CLI exactly as the conformance harness calls it
 * (sigstore.md §9): once with the artifact path and once with {@code sha256:<hex>}. A case passes when both
 * invocations give the expected outcome. The tally is printed at the end of the run.
 */
class ConformanceTest {
    private static final Map<String, Boolean> OUTCOMES = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> everyBundleVerifyCase() throws Exception {
        JsonNode all = new ObjectMapper().readTree(Vectors.bytes("conformance/CASES.json"));
        JsonNode cases = all.get("cases");
        String defaultIdentity = all.get("defaultIdentity").asText();
        String defaultIssuer = all.get("defaultIssuer").asText();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.get("case").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                boolean expectPass = c.get("expect").asText().equals("pass");
                Path conformance = Vectors.path("conformance");
                List<String> base = new ArrayList<>(List.of("verify-bundle", "--bundle", conformance.resolve(c.get("bundle").asText()).toString()));
                if (c.get("verifyWith").asText().equals("key")) {
                    if (c.hasNonNull("key")) {
                        base.addAll(List.of("--key", conformance.resolve(c.get("key").asText()).toString()));
                    } else {
                        // No key supplied: the harness falls back to the default identity, which must not verify a keyed bundle.
                        base.addAll(List.of("--certificate-identity", defaultIdentity, "--certificate-oidc-issuer", defaultIssuer));
                    }
                } else {
                    base.addAll(List.of("--certificate-identity", c.get("identity").asText(),
                            "--certificate-oidc-issuer", c.get("issuer").asText()));
                }
                base.addAll(List.of("--trusted-root", conformance.resolve(c.get("trustedRoot").asText()).toString()));
                Result byFile = run(base, conformance.resolve(c.get("artifact").asText()).toString());
                Result byDigest = run(base, "sha256:" + c.get("artifactSha256").asText());
                boolean ok = (byFile.exit == 0) == expectPass && (byDigest.exit == 0) == expectPass;
                synchronized (OUTCOMES) {
                    OUTCOMES.put(name, ok);
                }
                assertThat(byFile.exit == 0).as("%s with the file: %s", name, byFile.stderr).isEqualTo(expectPass);
                assertThat(byDigest.exit == 0).as("%s with the digest: %s", name, byDigest.stderr).isEqualTo(expectPass);
                // A failure is one line, never a stack trace.
                assertThat(byFile.stderr.lines().count()).as("stderr of %s", name).isLessThanOrEqualTo(1);
                assertThat(byFile.stderr).doesNotContain("\tat ").doesNotContain("Exception:");
            }));
        }
        return tests.stream();
    }

    private record Result(int exit, String stderr) {
    }

    private static Result run(List<String> base, String artifact) {
        List<String> args = new ArrayList<>(base);
        args.add(artifact);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, err.toString());
    }

    @AfterAll
    static void printTally() {
        long passed = OUTCOMES.values().stream().filter(b -> b).count();
        OUTCOMES.forEach((name, ok) -> {
            if (!ok) {
                System.out.println("conformance: FAILED " + name);
            }
        });
        System.out.printf("%nsigstore-conformance bundle-verify: %d of %d cases give the expected result%n", passed, OUTCOMES.size());
    }
}
