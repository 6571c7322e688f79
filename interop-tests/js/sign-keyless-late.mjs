// Keyless DSSE signing as sign-keyless.mjs (what `sigstore.attest` builds), but the log entry is made only after the
// caller says so: once the CA has issued the certificate and the envelope is signed, this prints
// "certificate issued" and waits for a line on stdin before submitting to Rekor. A test moves the server's clock past
// the certificate's validity in between, to get a bundle whose certificate had expired when it was logged.
// usage: node sign-keyless-late.mjs FULCIO_URL REKOR_URL IDENTITY_TOKEN PAYLOAD_FILE OUT_BUNDLE
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness } from '@sigstore/sign';
import { bundleToJSON } from '@sigstore/bundle';

const [fulcioBaseURL, rekorBaseURL, token, payloadFile, out] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const fulcio = new FulcioSigner({ fulcioBaseURL, identityProvider: { getToken: async () => token }, timeout: 20000, retry: 0 });
const signer = {
  async sign(data) {
    const signature = await fulcio.sign(data);
    console.log('certificate issued');
    await lines.next();
    return signature;
  },
};
const builder = new DSSEBundleBuilder({
  signer,
  witnesses: [new RekorWitness({ rekorBaseURL, entryType: 'dsse', timeout: 20000, retry: 0 })],
});
const bundle = await builder.create({ data: readFileSync(payloadFile), type: 'application/vnd.in-toto+json' });
writeFileSync(out, JSON.stringify(bundleToJSON(bundle)));
console.log('signed');
process.exit(0);
