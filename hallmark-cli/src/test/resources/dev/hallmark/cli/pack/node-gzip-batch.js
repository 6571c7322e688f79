// Gzips a batch of inputs with Node's own zlib, for NodeGzipTest.
// stdin: records of [u32 BE data length][u32 BE chunk count][chunk count x u32 BE chunk size][data].
//   chunk count 0: zlib.gzipSync(data, {level: 9}), as npm's tests and hallmark compare against;
//   otherwise: zlib.createGzip({level: 9}) written chunk by chunk (each write is one Z_NO_FLUSH call), then ended.
// stdout: first a line with process.versions.zlib, then one [u32 BE length][gzip bytes] record per input, in order.
'use strict';
const zlib = require('zlib');

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const parts = [];
    stream.on('data', (c) => parts.push(c));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

function chunked(data, sizes) {
  const gzip = zlib.createGzip({ level: 9 });
  const done = readAll(gzip);
  let at = 0;
  for (const size of sizes) {
    gzip.write(data.subarray(at, at + size));
    at += size;
  }
  gzip.end();
  return done;
}

async function main() {
  const input = await readAll(process.stdin);
  const outputs = [Buffer.from(process.versions.zlib + '\n')];
  let at = 0;
  while (at < input.length) {
    const length = input.readUInt32BE(at);
    const count = input.readUInt32BE(at + 4);
    at += 8;
    const sizes = [];
    for (let i = 0; i < count; i++, at += 4) sizes.push(input.readUInt32BE(at));
    const data = input.subarray(at, at + length);
    at += length;
    const gz = count === 0 ? zlib.gzipSync(data, { level: 9 }) : await chunked(data, sizes);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(gz.length);
    outputs.push(header, gz);
  }
  process.stdout.write(Buffer.concat(outputs));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
