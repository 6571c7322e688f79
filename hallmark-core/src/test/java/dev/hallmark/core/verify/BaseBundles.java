package dev.hallmark.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.verify.MutationHarness.Subject;
import java.security.PublicKey;

/** The four real bundles the mutation tests start from, each with the root, artifact and signer it verifies under. */
final class BaseBundles {
    static final String PLAYWRIGHT = "npm/playwright-cli-0.1.1/";
    static final String PLAYWRIGHT_SAN = "https://github.com/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1";
    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    static final String PRODUCTION_ROOT = "conformance/trusted_root.production.json";
    static final String REKOR2_ROOT = "conformance/bundle-verify/rekor2-happy-path/trusted_root.json";
    /** The npm registry's current attestation key (keys.json, keyUsage npm:attestations). */
    static final String NPM_KEY_ID = "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U";

    static final byte[] TGZ = Vectors.bytes(PLAYWRIGHT + "playwright-cli-0.1.1.tgz");
    static final Digest TGZ_SHA512 = Digest.sha512(TGZ);
    static final byte[] A_TXT = Vectors.bytes("conformance/bundle-verify/a.txt");
    static final JsonNode CASES = MutationHarness.readObject("conformance/CASES.json");
    static final String CONFORMANCE_SAN = CASES.get("defaultIdentity").textValue();
    static final String CONFORMANCE_ISSUER = CASES.get("defaultIssuer").textValue();

    static final ObjectNode PRODUCTION_ROOT_JSON = MutationHarness.readObject(PRODUCTION_ROOT);
    static final ObjectNode REKOR2_ROOT_JSON = MutationHarness.readObject(REKOR2_ROOT);
    static final Verifier PRODUCTION = MutationHarness.verifier(MutationHarness.root(PRODUCTION_ROOT_JSON));
    static final Verifier REKOR2 = MutationHarness.verifier(MutationHarness.root(REKOR2_ROOT_JSON));
    static final PublicKey NPM_KEY = npmKey(NPM_KEY_ID);

    /** (a) npm provenance: v0.3 DSSE, Rekor v1 dsse entry with SET and proof, certificate with SCT. */
    static final Subject PROVENANCE = new Subject("a:provenance",
            MutationHarness.readObject(PLAYWRIGHT + "playwright-cli-0.1.1-provenance.sigstore.json"), PRODUCTION,
            Policy.forDigest(TGZ_SHA512).requireIdentity(CertificateIdentity.exact(PLAYWRIGHT_SAN, GITHUB_ISSUER)));
    /** (b) conformance happy-path-v0.3: message signature, hashedrekord 0.0.1 with SET and proof. */
    static final Subject MESSAGE = new Subject("b:happy-path-v0.3",
            MutationHarness.readObject("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json"), PRODUCTION,
            Policy.forArtifact(A_TXT).requireIdentity(CertificateIdentity.exact(CONFORMANCE_SAN, CONFORMANCE_ISSUER)));
    /** (c) conformance rekor2-happy-path: hashedrekord 0.0.2 on Rekor v2, RFC 3161 timestamp, no SET. */
    static final Subject REKOR_V2 = new Subject("c:rekor2-happy-path",
            MutationHarness.readObject("conformance/bundle-verify/rekor2-happy-path/bundle.sigstore.json"), REKOR2,
            Policy.forArtifact(A_TXT).requireIdentity(CertificateIdentity.exact(CONFORMANCE_SAN, CONFORMANCE_ISSUER)));
    /** (d) npm publish attestation: signed with the registry's managed key, named by a hint. */
    static final Subject KEYED = new Subject("d:publish",
            MutationHarness.readObject(PLAYWRIGHT + "playwright-cli-0.1.1-publish.sigstore.json"), PRODUCTION,
            Policy.forDigest(TGZ_SHA512).requireKey(NPM_KEY));

    private BaseBundles() {
    }

    /** The attestation key with this ID from the npm TUF target keys.json (DER SPKI, base64). */
    static PublicKey npmKey(String keyId) {
        JsonNode keys = MutationHarness.readObject("tuf/public-good/targets/registry.npmjs.org/keys.json").get("keys");
        for (JsonNode key : keys) {
            if (key.get("keyId").textValue().equals(keyId) && key.get("keyUsage").textValue().equals("npm:attestations")) {
                try {
                    return Keys.publicKeyFromDer(Bytes.fromBase64(key.at("/publicKey/rawBytes").textValue()));
                } catch (FormatException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no npm key " + keyId);
    }
}
