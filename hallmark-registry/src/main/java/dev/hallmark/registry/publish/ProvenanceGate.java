package dev.hallmark.registry.publish;

import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.core.crypto.Bytes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The publish pipeline's verification step (validate → verify provenance → sign → attest → commit, DESIGN.md): given
 * the checked tarball and the client's bundle, if any, it accepts or refuses the publish before anything is stored.
 */
public interface ProvenanceGate {
    /**
     * @param packageJson the package.json inside the tarball (its {@code repository} is what provenance is checked
     *     against)
     * @throws RegistryException {@code PROVENANCE_INVALID} to refuse the publish
     */
    void check(PackageName name, String version, Bytes tarball, ObjectNode packageJson, Optional<Bytes> bundle)
            throws RegistryException;

    /** Until provenance verification is configured, a bundle is refused rather than stored unverified. */
    ProvenanceGate REFUSE_BUNDLES = (name, version, tarball, packageJson, bundle) -> {
        if (bundle.isPresent()) {
            throw new RegistryException(RegistryException.Reason.PROVENANCE_INVALID,
                    "Error verifying sigstore provenance bundle: this registry is not configured to verify provenance");
        }
    };
}
