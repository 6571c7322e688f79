// Keyless signing through sigstore-js exactly as npm does it: an OIDC token for the CA (Fulcio API), the
// attestation logged in Rekor, optionally an RFC 3161 timestamp; writes the Sigstore bundle.
// usage: node sign-keyless.mjs FULCIO_URL REKOR_URL TSA_URL|- IDENTITY_TOKEN PAYLOAD_FILE OUT_BUNDLE
import { readFileSync, writeFileSync } from 'node:fs';
import { attest } from 'sigstore';

const [fulcioURL, rekorURL, tsaURL, identityToken, payloadFile, out] = process.argv.slice(2);
const options = { fulcioURL, rekorURL, identityToken, timeout: 20000, retry: 0 };
if (tsaURL && tsaURL !== '-') options.tsaServerURL = tsaURL;
const bundle = await attest(readFileSync(payloadFile), 'application/vnd.in-toto+json', options);
writeFileSync(out, JSON.stringify(bundle, null, 2));
console.log('signed');
