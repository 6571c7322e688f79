// Verifies a keyless Sigstore bundle with @sigstore/verify against a trusted root and an identity policy (exact SAN and
// issuer), as a careful consumer would. Prints "verified" or the error and exits 1.
// usage: node verify-keyless.mjs BUNDLE TRUSTED_ROOT SAN ISSUER [ARTIFACT_FILE]   (the artifact for message signatures)
import { readFileSync } from 'node:fs';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundleFile, rootFile, san, issuer, artifactFile] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(bundleFile, 'utf8')));
  const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(rootFile, 'utf8')));
  const escaped = san.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const verifier = new Verifier(toTrustMaterial(root));
  const entity = toSignedEntity(bundle, artifactFile ? readFileSync(artifactFile) : undefined);
  verifier.verify(entity, { subjectAlternativeName: `^${escaped}$`, extensions: { issuer } });
  console.log('verified');
} catch (e) {
  console.log(`failed: ${e}`);
  process.exit(1);
}
