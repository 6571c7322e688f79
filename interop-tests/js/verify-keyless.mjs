// Verifies a keyless Sigstore bundle with @sigstore/verify against a trusted root and an identity policy (exact SAN and
// issuer), as a careful consumer would. Prints "verified" or the error and exits 1.
// usage: node verify-keyless.mjs BUNDLE TRUSTED_ROOT SAN ISSUER
import { readFileSync } from 'node:fs';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundleFile, rootFile, san, issuer] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(bundleFile, 'utf8')));
  const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(rootFile, 'utf8')));
  const escaped = san.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const verifier = new Verifier(toTrustMaterial(root));
  verifier.verify(toSignedEntity(bundle), { subjectAlternativeName: `^${escaped}$`, extensions: { issuer } });
  console.log('verified');
} catch (e) {
  console.log(`failed: ${e}`);
  process.exit(1);
}
