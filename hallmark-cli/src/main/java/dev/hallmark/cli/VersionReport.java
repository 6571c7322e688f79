package dev.hallmark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.npm.AttestationsVerifier.VerifiedAttestation;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.core.x509.FulcioExtension;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code hallmark verify} found for one version, printed for people or as JSON. */
final class VersionReport {
    private static final String PUBLISH_PREDICATE = dev.hallmark.core.intoto.Predicate.NPM_PUBLISH_V01;

    final String name;
    final String version;
    final String registry;
    String registrySignature = "missing";
    List<VerifiedAttestation> attestations = List.of();
    Optional<String> attestationFailure = Optional.empty();

    VersionReport(String name, String version, String registry) {
        this.name = name;
        this.version = version;
        this.registry = registry;
    }

    boolean ok() {
        return !registrySignature.startsWith("invalid") && attestationFailure.isEmpty();
    }

    String failure() {
        return attestationFailure.orElse("registry signature " + registrySignature);
    }

    /** The provenance signer's details, labelled, from the verified certificate's Fulcio extensions (sigstore.md §1.3). */
    static Map<String, String> details(VerificationResult result) {
        Map<String, String> out = new LinkedHashMap<>();
        if (result.signer() instanceof VerificationResult.VerifiedSigner.Certificate c) {
            FulcioCertificate cert = c.certificate();
            put(out, "repository", cert.value(FulcioExtension.SOURCE_REPOSITORY_URI));
            put(out, "commit", cert.value(FulcioExtension.SOURCE_REPOSITORY_DIGEST));
            put(out, "ref", cert.value(FulcioExtension.SOURCE_REPOSITORY_REF));
            put(out, "workflow", cert.value(FulcioExtension.BUILD_CONFIG_URI).or(cert::buildSignerUri));
            put(out, "trigger", cert.value(FulcioExtension.BUILD_TRIGGER));
            put(out, "run", cert.value(FulcioExtension.RUN_INVOCATION_URI));
            put(out, "runner", cert.value(FulcioExtension.RUNNER_ENVIRONMENT));
            put(out, "visibility", cert.value(FulcioExtension.SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING));
            put(out, "signer", Optional.of(cert.san().value()));
            put(out, "issuer", cert.issuer());
        } else {
            out.put("signer", "the registry key");
        }
        for (VerificationResult.VerifiedLogEntry e : result.logEntries()) {
            out.merge("log entry", e.logBaseUrl() + " index " + e.logIndex(), (a, b) -> a + "; " + b);
        }
        for (VerificationResult.TrustedTime t : result.trustedTimes()) {
            out.merge("signed at", t.time() + " (" + (t.source() == VerificationResult.TrustedTime.Source.RFC3161_TIMESTAMP
                    ? "timestamp" : "log") + ")", (a, b) -> a + "; " + b);
        }
        return out;
    }

    private static void put(Map<String, String> out, String label, Optional<String> value) {
        value.filter(v -> !v.isEmpty()).ifPresent(v -> out.put(label, v));
    }

    private static String title(String predicateType) {
        return predicateType.equals(PUBLISH_PREDICATE) ? "publish attestation" : "provenance";
    }

    void print(PrintWriter out) {
        out.println(name + "@" + version + " (" + registry + ")");
        out.println("  registry signature: " + registrySignature);
        if (attestationFailure.isPresent()) {
            out.println("  attestations: INVALID: " + attestationFailure.get());
            return;
        }
        if (attestations.isEmpty()) {
            out.println("  provenance: none");
        }
        for (VerifiedAttestation a : attestations) {
            out.println("  " + title(a.predicateType()) + ": verified (" + a.predicateType() + ")");
            details(a.result()).forEach((label, value) -> out.printf("    %-11s %s%n", label + ":", value));
        }
    }

    String toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("package", name).put("version", version).put("registry", registry).put("verified", ok());
        root.put("registrySignature", registrySignature);
        attestationFailure.ifPresent(f -> root.put("attestationError", f));
        ArrayNode list = root.putArray("attestations");
        for (VerifiedAttestation a : attestations) {
            ObjectNode node = list.addObject().put("predicateType", a.predicateType());
            details(a.result()).forEach(node::put);
        }
        return root.toString();
    }
}
