// Refreshes a TUF repository with @sigstore/tuf (tuf-js underneath), as sigstore-js and npm do, starting from the
// given root.json, and prints the fetched targets with the root version it ended on, as JSON. A failure prints
// {"error": code, "message": …} and exits 1.
// usage: node tuf-fetch.mjs MIRROR_URL ROOT_JSON CACHE_DIR TARGET...
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initTUF } from '@sigstore/tuf';

const [mirrorURL, rootPath, cachePath, ...targets] = process.argv.slice(2);
try {
  const tuf = await initTUF({ mirrorURL, rootPath, cachePath, retry: false, timeout: 10000 });
  const fetched = {};
  for (const target of targets) {
    fetched[target] = await tuf.getTarget(target);
  }
  // @sigstore/tuf keeps the trusted root in <cache>/<url-encoded host+path>/root.json
  const url = new URL(mirrorURL);
  const repo = encodeURIComponent(url.host + url.pathname.replace(/\/$/, ''));
  const root = JSON.parse(readFileSync(path.join(cachePath, repo, 'root.json'), 'utf8'));
  console.log(JSON.stringify({ rootVersion: root.signed.version, targets: fetched }));
} catch (e) {
  console.log(JSON.stringify({ error: e.code ?? e.name, message: `${e.message}${e.cause ? ': ' + e.cause.message : ''}` }));
  process.exit(1);
}
