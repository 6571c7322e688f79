// Verifies a Sigstore bundle with @sigstore/verify against a trusted root, as npm's pacote does; for keyed bundles the
// key is looked up by hint. Prints "verified" or the error and exits 1.
// usage: node verify-bundle.mjs BUNDLE TRUSTED_ROOT [PUBLIC_KEY_PEM_FILE KEY_HINT]
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundleFile, rootFile, keyFile, hint] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(bundleFile, 'utf8')));
  const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(rootFile, 'utf8')));
  const keys = keyFile
    ? (h) => {
        if (h !== hint) throw new Error(`unknown key hint ${h}`);
        return { publicKey: createPublicKey(readFileSync(keyFile)), validFor: () => true };
      }
    : undefined;
  const verifier = new Verifier(toTrustMaterial(root, keys), { ctlogThreshold: keyFile ? 0 : 1 });
  verifier.verify(toSignedEntity(bundle));
  console.log('verified');
} catch (e) {
  console.log(`failed: ${e}`);
  process.exit(1);
}
