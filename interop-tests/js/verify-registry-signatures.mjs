// Verifies a package version's dist.signatures exactly as `npm audit signatures` does: with npm's own pacote
// (the copy bundled with the npm on PATH), keys from GET /-/npm/v1/keys turned into PEM the way npm's
// verify-signatures.js does. Usage: node verify-registry-signatures.mjs <registry URL> <spec> [--tamper-key]
// Prints one JSON line: {"ok":true,"signatures":[...]} or {"ok":false,"code":"E…","message":"…"}.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [registry, spec, flag] = process.argv.slice(2);
const npmRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
const require = createRequire(join(npmRoot, 'npm', 'package.json'));
const pacote = require('pacote');

const res = await fetch(new URL('-/npm/v1/keys', registry.endsWith('/') ? registry : registry + '/'));
let { keys } = await res.json();
if (flag === '--tamper-key') {
  // same keyid, another P-256 key: the signature must no longer verify
  const { generateKeyPairSync } = await import('node:crypto');
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' });
  keys = keys.map(k => ({ ...k, key: other.toString('base64') }));
}
keys = keys.map(key => ({ ...key, pemkey: `-----BEGIN PUBLIC KEY-----\n${key.key}\n-----END PUBLIC KEY-----` }));
const parsed = new URL(registry);
const regKey = `//${parsed.host}${parsed.pathname}`;
try {
  const manifest = await pacote.manifest(spec, {
    registry, cache: mkdtempSync(join(tmpdir(), 'pacote-')), verifySignatures: true, fullMetadata: true,
    [`${regKey}:_keys`]: keys,
  });
  console.log(JSON.stringify({ ok: true, signatures: manifest._signatures ?? manifest.dist?.signatures ?? null }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, code: e.code, message: e.message }));
}
