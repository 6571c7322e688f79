package dev.hallmark.registry.sign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.BundleVersion;
import dev.hallmark.core.bundle.DsseContent;
import dev.hallmark.core.bundle.KeyMaterial;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.VerificationMaterial;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSigner;
import dev.hallmark.core.intoto.Predicate;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.rekor.RekorSubmitter;
import dev.hallmark.core.rekor.RekorV1Entries;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.store.StoredAttestation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's own publish attestation (npm.md §7.2, npm/attestation specs/publish/v0.1): an in-toto v0.1 statement
 * that this registry published {@code name@version} with this tarball, DSSE-signed with the registry key (keyid = the
 * npm key ID, so pacote finds the key in {@code /-/npm/v1/keys}), logged as a {@code dsse} 0.0.1 entry whose verifier
 * is the key's PEM, and served as a keyed v0.3 bundle ({@code publicKey.hint} = keyid).
 */
public final class PublishAttester {
    /** For registries without a log: no publish attestation (pacote tolerates its absence). */
    public static final PublishAttester NONE = new PublishAttester(null, null, "");

    private final RegistryKeyRing keys;
    private final RekorSubmitter log;
    private final String registryUrl;

    /** @param registryUrl the predicate's {@code registry}, this registry's public URL */
    public PublishAttester(RegistryKeyRing keys, RekorSubmitter log, String registryUrl) {
        this.keys = keys;
        this.log = log;
        this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
    }

    public Optional<StoredAttestation> attest(PackageName name, String version, Digest sha512) throws RegistryException {
        if (log == null) {
            return Optional.empty();
        }
        ObjectNode statement = Json.object();
        statement.put("_type", Statement.TYPE_V01);
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", name.purl(version));
        subject.putObject("digest").put("sha512", sha512.hex());
        statement.put("predicateType", Predicate.NPM_PUBLISH_V01);
        ObjectNode predicate = statement.putObject("predicate");
        predicate.put("name", name.full());
        predicate.put("version", version);
        predicate.put("registry", registryUrl);
        Envelope envelope = new EnvelopeSigner(keys.signer(), keys.currentKeyid())
                .sign(Statement.PAYLOAD_TYPE, Bytes.of(Json.write(statement)));
        TlogEntry entry;
        try {
            entry = log.submit(RekorV1Entries.proposedDsse(envelope.toJson(),
                    List.of(Keys.toPem(keys.signer().publicKey()))));
        } catch (FormatException e) {
            throw new RegistryException(RegistryException.Reason.ATTESTATION_FAILED,
                    "the transparency log did not accept the publish attestation; try again");
        }
        Bundle bundle = new Bundle(BundleVersion.V0_3, new VerificationMaterial(
                new KeyMaterial.PublicKeyHint(keys.currentKeyid()), List.of(entry), List.of()), new DsseContent(envelope));
        return Optional.of(new StoredAttestation(Predicate.NPM_PUBLISH_V01,
                new String(BundleCodec.write(bundle), StandardCharsets.UTF_8)));
    }
}
