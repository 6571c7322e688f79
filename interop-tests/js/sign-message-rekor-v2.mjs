// Keyless message signing with @sigstore/sign's building blocks, logged through the Rekor v2 write API
// (hashedrekord 0.0.2) and timestamped by the TSA: the bundle has no SET, so its only trusted time is the RFC 3161
// timestamp. (sigstore-js would log a DSSE envelope to Rekor v2 as the deprecated dsse 0.0.2, which Rekor v2
// refuses, so this signs an artifact.)
// usage: node sign-message-rekor-v2.mjs FULCIO_URL REKOR_URL TSA_URL IDENTITY_TOKEN ARTIFACT_FILE OUT_BUNDLE
// (TSA_URL is the full timestamp endpoint, as a signing config names it)
import { readFileSync, writeFileSync } from 'node:fs';
import { FulcioSigner, MessageSignatureBundleBuilder, RekorWitness, TSAWitness } from '@sigstore/sign';
import { bundleToJSON } from '@sigstore/bundle';

const [fulcioURL, rekorURL, tsaURL, identityToken, artifactFile, out] = process.argv.slice(2);
const builder = new MessageSignatureBundleBuilder({
  signer: new FulcioSigner({ fulcioBaseURL: fulcioURL, identityProvider: { getToken: async () => identityToken } }),
  witnesses: [
    new RekorWitness({ rekorBaseURL: rekorURL, majorApiVersion: 2, timeout: 20000, retry: 0 }),
    new TSAWitness({ tsaBaseURL: tsaURL, timeout: 20000, retry: 0 }),
  ],
});
const bundle = await builder.create({ data: readFileSync(artifactFile) });
writeFileSync(out, JSON.stringify(bundleToJSON(bundle), null, 2));
console.log('signed');
