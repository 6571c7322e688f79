// The @sigstore/verify side of bench/run-verify-peers: verifies one bundle in a loop on this one thread, as npm's
// pacote does (bundleFromJSON, toSignedEntity, Verifier.verify with an identity policy, then the in-toto subject
// compared with the artifact digest by the caller, since @sigstore/verify does not compare DSSE subjects).
// Every verification's outcome is checked: the first failure ends the run with exit status 1, nothing is counted.
// run-verify-peers copies it next to the node_modules it installs (bench/.tools/verify-peers).
// usage: node verify.mjs CASES_JSON CASE_ID WARMUP_SECONDS ITERATIONS SECONDS_PER_ITERATION
// Prints one JSON line: {verifier, case, warmupOps, iterations: [{ops, seconds, cpuSeconds}], ...}.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [casesFile, caseId, warmupArg, iterationsArg, secondsArg] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, 'utf8')).cases;
const c = cases.find((x) => x.id === caseId);
if (!c) {
  console.error(`no case ${caseId} in ${casesFile}`);
  process.exit(2);
}
const warmupSeconds = Number(warmupArg);
const iterations = Number(iterationsArg);
const seconds = Number(secondsArg);

const bundleText = readFileSync(c.bundle, 'utf8');
const artifact = c.content === 'messageSignature' ? readFileSync(c.artifact) : undefined;
// @sigstore/verify hashes the artifact itself; it must be the one whose digest the Java verifiers are given.
if (artifact && createHash(c.digest.algorithm).update(artifact).digest('hex') !== c.digest.hex) {
  console.error(`${c.artifact} does not have the case's ${c.digest.algorithm} digest ${c.digest.hex}`);
  process.exit(1);
}
const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(readFileSync(c.trustedRoot, 'utf8')))));
// SAN policy is an unanchored regular expression in @sigstore/verify (peers.md §3.2): anchor it, so it is exact.
const policy = {
  subjectAlternativeName: new RegExp(`^${c.identity.san.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  extensions: { issuer: c.identity.issuer },
};

function verifyOnce() {
  const bundle = bundleFromJSON(JSON.parse(bundleText));
  const signer = verifier.verify(toSignedEntity(bundle, artifact), policy);
  if (signer.identity?.subjectAlternativeName !== c.identity.san) {
    throw new Error(`verified, but for ${signer.identity?.subjectAlternativeName}`);
  }
  if (c.content === 'dsse') {
    const statement = JSON.parse(Buffer.from(bundle.content.dsseEnvelope.payload).toString('utf8'));
    const match = (statement.subject ?? []).some((s) => s.digest?.[c.digest.algorithm] === c.digest.hex);
    if (!match) throw new Error(`no in-toto subject with ${c.digest.algorithm} ${c.digest.hex}`);
  }
}

function run(windowSeconds) {
  const end = process.hrtime.bigint() + BigInt(Math.round(windowSeconds * 1e9));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let ops = 0;
  let now = t0;
  do {
    verifyOnce();
    ops++;
    now = process.hrtime.bigint();
  } while (now < end);
  const cpu = process.cpuUsage(cpu0);
  return { ops, seconds: Number(now - t0) / 1e9, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

try {
  verifyOnce(); // a wrong setup fails here, before any timing
  const warmup = run(warmupSeconds);
  const measured = [];
  for (let i = 0; i < iterations; i++) measured.push(run(seconds));
  console.log(JSON.stringify({
    verifier: '@sigstore/verify',
    version: JSON.parse(readFileSync(new URL('./node_modules/@sigstore/verify/package.json', import.meta.url), 'utf8')).version,
    runtime: `node ${process.version}`,
    case: c.id,
    warmup: warmup,
    iterations: measured,
  }));
} catch (e) {
  console.error(`@sigstore/verify failed on ${c.id}: ${e.code ? e.code + ': ' : ''}${e.message}`);
  process.exit(1);
}
