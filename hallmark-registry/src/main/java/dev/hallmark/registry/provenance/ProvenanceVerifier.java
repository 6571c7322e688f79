package dev.hallmark.registry.provenance;

import static dev.hallmark.registry.RegistryException.Reason.PROVENANCE_INVALID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.npm.ProvenanceSubjectCheck;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.publish.ProvenanceGate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the provenance bundle of a publish (issue 6 item 1; npm.md §4 "What Hallmark should do on publish"):
 * npm's own subject checks (one subject, this package's purl, this tarball's sha512), full Sigstore verification
 * against the registry's trusted roots (its own instance, plus e.g. public-good for packages built on github.com), and
 * the identity rules npmjs applies — source repository equal to package.json's, runner environment, repository
 * visibility, a source ref — each relaxable by policy where npmjs is stricter than a private registry needs. Every
 * refusal is a 422 with npmjs's message shape, {@code Error verifying sigstore provenance bundle: …}.
 */
public final class ProvenanceVerifier implements ProvenanceGate {
    private static final String PREFIX = "Error verifying sigstore provenance bundle: ";

    private final List<Verifier> verifiers;
    private final ProvenancePolicy policy;

    /** @param verifiers one per trusted root; a bundle is accepted when one of them verifies it */
    public ProvenanceVerifier(List<Verifier> verifiers, ProvenancePolicy policy) {
        this.verifiers = List.copyOf(verifiers);
        if (this.verifiers.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted root");
        }
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Optional<VerifiedProvenance> check(PackageName name, String version, Digest sha512, ObjectNode manifest,
            Optional<Bytes> bundleJson) throws RegistryException {
        if (bundleJson.isEmpty()) {
            if (policy.requires(name.full())) {
                throw new RegistryException(PROVENANCE_INVALID, "This registry requires provenance for " + name.full()
                        + ": publish from CI with --provenance");
            }
            return Optional.empty();
        }
        Statement statement;
        Bundle bundle;
        try {
            statement = ProvenanceSubjectCheck.check(bundleJson.get().toArray(), name.full(), version, sha512);
            bundle = BundleCodec.parse(bundleJson.get().toArray());
        } catch (ProvenanceSubjectCheck.Failure e) {
            throw refused(e.getMessage());
        } catch (FormatException e) {
            throw refused("Invalid provenance provided: " + e.getMessage());
        }
        VerificationResult result = verify(bundle, sha512);
        if (!(result.signer() instanceof VerificationResult.VerifiedSigner.Certificate c)) {
            throw refused("provenance must be signed with a Sigstore certificate, not a key");
        }
        checkIdentity(c.certificate(), manifest);
        return Optional.of(new VerifiedProvenance(bundleJson.get(), statement.predicateType(), result));
    }

    private VerificationResult verify(Bundle bundle, Digest sha512) throws RegistryException {
        VerificationException last = null;
        for (Verifier verifier : verifiers) {
            try {
                // The identity is checked below against the package, not against a name known in advance.
                return verifier.verify(bundle, Policy.forDigest(sha512).withoutIdentityUnsafe());
            } catch (VerificationException e) {
                last = e;
            }
        }
        throw refused(last.getMessage()); // "<REASON>: <detail>"
    }

    private void checkIdentity(FulcioCertificate cert, ObjectNode manifest) throws RegistryException {
        String issuer = cert.issuer().orElseThrow(() -> refused("Missing Issuer in signing certificate"));
        if (!policy.allowedIssuers().isEmpty() && !policy.allowedIssuers().contains(issuer)) {
            throw refused("Unsupported OIDC issuer: \"" + issuer + "\"");
        }
        String source = cert.sourceRepositoryUri()
                .orElseThrow(() -> refused("Missing SourceRepositoryURI in signing certificate"));
        Optional<String> declared = RepositoryUrls.of(manifest);
        if (declared.isEmpty() || !declared.get().equals(source)) {
            String raw = manifest.path("repository").isTextual() ? manifest.path("repository").asText()
                    : manifest.path("repository").path("url").asText("");
            throw refused("Failed to validate repository information: package.json: \"repository.url\" is \"" + raw
                    + "\", expected to match \"" + source + "\" from provenance");
        }
        if (cert.sourceRepositoryRef().isEmpty()) {
            throw refused("Missing SourceRepositoryRef in signing certificate");
        }
        String runner = cert.runnerEnvironment().orElse("");
        if (runner.equals("self-hosted") && !policy.allowSelfHostedRunners()) {
            throw refused("Unsupported runner environment: \"self-hosted\". This registry accepts self-hosted runners"
                    + " only when registry.provenance.allowSelfHostedRunners is set.");
        }
        String visibility = cert.sourceRepositoryVisibility().orElse("");
        if (visibility.equals("private") && !policy.allowPrivateRepositories()) {
            throw refused("Unsupported source repository visibility: \"private\". This registry accepts private"
                    + " repositories only when registry.provenance.allowPrivateRepositories is set.");
        }
    }

    private static RegistryException refused(String message) {
        return new RegistryException(PROVENANCE_INVALID, PREFIX + message);
    }
}
