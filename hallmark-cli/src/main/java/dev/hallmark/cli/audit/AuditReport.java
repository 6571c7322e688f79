package dev.hallmark.cli.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.audit.PackageResult.Attestations;
import dev.hallmark.cli.audit.PackageResult.Signature;
import dev.hallmark.core.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Renders audit results as {@code npm audit signatures} does (counts, then the packages at fault), or as JSON. */
public record AuditReport(List<PackageResult> results, Duration elapsed) {
    public AuditReport {
        results = List.copyOf(results);
    }

    public boolean failed() {
        return results.stream().anyMatch(PackageResult::failed);
    }

    private List<PackageResult> where(Predicate<PackageResult> p) {
        return results.stream().filter(p).toList();
    }

    private static String packages(int n) {
        return n + (n == 1 ? " package" : " packages");
    }

    public void printText(PrintWriter out) {
        out.printf("audited %s in %ds%n", packages(results.size()), Math.round(elapsed.toMillis() / 1000.0));
        int signed = where(r -> r.signature() instanceof Signature.Verified).size();
        int attested = where(r -> r.attestations() instanceof Attestations.Verified).size();
        int provenance = where(r -> r.provenance().isPresent()).size();
        if (signed > 0) {
            // npm's wording: "1 package has a verified registry signature", "3 packages have verified registry signatures"
            out.printf("%n%s%n", packages(signed) + (signed == 1 ? " has a verified registry signature" : " have verified registry signatures"));
        }
        if (attested > 0) {
            out.printf("%n%s (%d with provenance)%n", packages(attested) + (attested == 1 ? " has a verified attestation"
                    : " have verified attestations"), provenance);
        }
        List<PackageResult> missing = where(r -> r.signature() instanceof Signature.Missing m && m.registryHasKeys());
        if (!missing.isEmpty()) {
            out.printf("%n%s %s missing registry signatures but the registry is providing signing keys:%n%n",
                    packages(missing.size()), missing.size() == 1 ? "has" : "have");
            missing.forEach(r -> out.printf("%s (%s)%n", r.pkg().spec(), r.registry()));
        }
        List<PackageResult> badSignature = where(r -> r.signature() instanceof Signature.Invalid);
        if (!badSignature.isEmpty()) {
            out.printf("%n%s invalid registry signatures:%n%n", packages(badSignature.size()) + (badSignature.size() == 1 ? " has an" : " have"));
            badSignature.forEach(r -> {
                Signature.Invalid i = (Signature.Invalid) r.signature();
                out.printf("%s (%s): %s: %s%n", r.pkg().spec(), r.registry(), i.reason(), i.message());
            });
        }
        List<PackageResult> badAttestations = where(r -> r.attestations() instanceof Attestations.Invalid
                && !(r.signature() instanceof Signature.Invalid s && s.reason() == ((Attestations.Invalid) r.attestations()).reason()));
        if (!badAttestations.isEmpty()) {
            out.printf("%n%s invalid attestations:%n%n", packages(badAttestations.size()) + (badAttestations.size() == 1 ? " has" : " have"));
            badAttestations.forEach(r -> {
                Attestations.Invalid i = (Attestations.Invalid) r.attestations();
                out.printf("%s (%s): %s: %s%n", r.pkg().spec(), r.registry(), i.reason(), i.message());
            });
        }
        if (!badSignature.isEmpty() || !badAttestations.isEmpty()) {
            out.printf("%nSomeone might have tampered with %s since it was published on the registry!%n",
                    badSignature.size() + badAttestations.size() == 1 ? "this package" : "these packages");
        }
        List<PackageResult> policy = where(r -> !r.policyFailures().isEmpty());
        if (!policy.isEmpty()) {
            out.printf("%n%s %s the policy:%n%n", packages(policy.size()), policy.size() == 1 ? "fails" : "fail");
            policy.forEach(r -> out.printf("%s: %s%n", r.pkg().spec(), String.join("; ", r.policyFailures())));
        }
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("audited", results.size());
        root.put("elapsedMillis", elapsed.toMillis());
        root.put("ok", !failed());
        ObjectNode counts = root.putObject("counts");
        counts.put("signaturesVerified", where(r -> r.signature() instanceof Signature.Verified).size());
        counts.put("signaturesMissing", where(r -> r.signature() instanceof Signature.Missing).size());
        counts.put("signaturesInvalid", where(r -> r.signature() instanceof Signature.Invalid).size());
        counts.put("attestationsVerified", where(r -> r.attestations() instanceof Attestations.Verified).size());
        counts.put("attestationsMissing", where(r -> r.attestations() instanceof Attestations.Missing).size());
        counts.put("attestationsInvalid", where(r -> r.attestations() instanceof Attestations.Invalid).size());
        counts.put("provenanceVerified", where(r -> r.provenance().isPresent()).size());
        counts.put("policyFailures", where(r -> !r.policyFailures().isEmpty()).size());
        ArrayNode list = root.putArray("packages");
        for (PackageResult r : results) {
            ObjectNode p = list.addObject();
            p.put("name", r.pkg().name()).put("version", r.pkg().version()).put("registry", r.registry().toString());
            switch (r.signature()) {
                case Signature.Verified v -> p.putObject("signature").put("status", "verified").put("keyid", v.keyid());
                case Signature.Missing m -> p.putObject("signature").put("status", "missing").put("registryHasKeys", m.registryHasKeys());
                case Signature.Invalid i -> p.putObject("signature").put("status", "invalid").put("reason", i.reason().name()).put("message", i.message());
            }
            switch (r.attestations()) {
                case Attestations.Verified v -> {
                    ObjectNode a = p.putObject("attestations").put("status", "verified");
                    v.predicateTypes().forEach(a.putArray("predicateTypes")::add);
                    v.provenance().ifPresent(c -> a.putObject("provenance")
                            .put("repository", c.sourceRepositoryUri().orElse(null))
                            .put("workflow", AuditPolicy.workflowPath(c).orElse(null))
                            .put("ref", c.sourceRepositoryRef().orElse(null))
                            .put("commit", c.sourceRepositoryDigest().orElse(null))
                            .put("issuer", c.issuer().orElse(null)));
                }
                case Attestations.Missing m -> p.putObject("attestations").put("status", "missing");
                case Attestations.Invalid i -> p.putObject("attestations").put("status", "invalid").put("reason", i.reason().name()).put("message", i.message());
            }
            r.policyFailures().forEach(p.putArray("policyFailures")::add);
            p.put("ok", !r.failed());
        }
        return root;
    }
}
