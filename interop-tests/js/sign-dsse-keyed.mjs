// Signs a DSSE in-toto envelope with a local ECDSA P-256 key through sigstore-js (@sigstore/sign), logging it in the
// Rekor v1 log at REKOR_URL, and writes the resulting Sigstore bundle.
// usage: node sign-dsse-keyed.mjs REKOR_URL PRIVATE_KEY_PEM_FILE KEY_HINT PAYLOAD_FILE OUT_BUNDLE
import { readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { DSSEBundleBuilder, RekorWitness } from '@sigstore/sign';
import { bundleToJSON } from '@sigstore/bundle';

const [rekorURL, keyFile, hint, payloadFile, out] = process.argv.slice(2);
const privateKey = createPrivateKey(readFileSync(keyFile));
const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });

const signer = {
  async sign(data) {
    return { signature: sign('sha256', data, privateKey), key: { $case: 'publicKey', publicKey, hint } };
  },
};
const builder = new DSSEBundleBuilder({
  signer,
  witnesses: [new RekorWitness({ rekorBaseURL: rekorURL, entryType: 'dsse', timeout: 20000, retry: 0 })],
});
const bundle = await builder.create({ data: readFileSync(payloadFile), type: 'application/vnd.in-toto+json' });
writeFileSync(out, JSON.stringify(bundleToJSON(bundle), null, 2));
console.log('signed');
