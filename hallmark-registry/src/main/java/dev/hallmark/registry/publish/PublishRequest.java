package dev.hallmark.registry.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code npm publish} body as npm 11 sends it (npm.md §4), decoded at the edge: one version document, one tag, the
 * tarball bytes and, when the client made provenance, the Sigstore bundle JSON.
 *
 * @param versionDocument {@code versions[version]} as sent, {@code dist} included
 * @param tag the one dist-tag to point at the version ({@code latest} or the {@code --tag} value)
 * @param access {@code public}, {@code restricted}, or empty when npm sent null
 * @param provenanceBundle the {@code <name>-<version>.sigstore} attachment: bundle JSON text, not base64
 */
public record PublishRequest(
        String name,
        String version,
        ObjectNode versionDocument,
        String tag,
        Optional<String> access,
        Bytes tarball,
        Optional<Bytes> provenanceBundle) {
    public PublishRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        versionDocument = versionDocument.deepCopy();
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(tarball, "tarball");
        Objects.requireNonNull(provenanceBundle, "provenanceBundle");
    }

    @Override
    public ObjectNode versionDocument() {
        return versionDocument.deepCopy();
    }
}
