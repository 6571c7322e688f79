package dev.hallmark.registry.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.provenance.VerifiedProvenance;
import java.util.Optional;

/**
 * The publish pipeline's verification step (validate → verify provenance → sign → attest → commit, DESIGN.md): given
 * the checked tarball and the client's bundle, if any, it accepts or refuses the publish before anything is stored.
 */
public interface ProvenanceGate {
    /**
     * @param tarballSha512 the SHA-512 of the published tarball, the provenance subject's digest
     * @param manifest the version document as npm sent it (already checked against the tarball's package.json); its
     *     {@code repository} is what the certificate's source repository must match
     * @return the verified provenance to store and serve, or empty for a publish without provenance
     * @throws RegistryException {@code PROVENANCE_INVALID} to refuse the publish
     */
    Optional<VerifiedProvenance> check(PackageName name, String version, Digest tarballSha512, ObjectNode manifest,
            Optional<Bytes> bundle) throws RegistryException;

    /** Without a configured verifier, a bundle is refused rather than stored unverified. */
    ProvenanceGate REFUSE_BUNDLES = (name, version, tarballSha512, manifest, bundle) -> {
        if (bundle.isPresent()) {
            throw new RegistryException(RegistryException.Reason.PROVENANCE_INVALID,
                    "Error verifying sigstore provenance bundle: this registry is not configured to verify provenance");
        }
        return Optional.empty();
    };
}
