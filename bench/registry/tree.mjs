// Generates the package tree of bench/run-registry-load's "tree" part: COUNT small packages with a layered dependency
// graph (a root project depends on TOP packages; each package depends on 1–4 packages of the next layer, every package
// reachable from the root), about a fifth of them scoped, plus the root project. Deterministic for a given SEED.
// usage: node tree.mjs OUT_DIR COUNT TOP SEED
// Writes OUT_DIR/packages/<n>/{package.json,index.js,README.md}, OUT_DIR/project/package.json and
// OUT_DIR/packages.txt (the package directories, leaves first: the order they are published in) and prints a summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out, countArg, topArg, seedArg] = process.argv.slice(2);
const count = Number(countArg);
const top = Number(topArg);
if (!out || !(count >= top && top >= 1)) {
  console.error('usage: node tree.mjs OUT_DIR COUNT TOP SEED (COUNT >= TOP >= 1)');
  process.exit(2);
}
let state = Number(seedArg ?? 1) >>> 0 || 1;
const random = () => {
  // xorshift32: the same tree on every machine
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

// Layers: TOP packages, then the rest spread over four layers of growing width (1 : 2 : 3 : 4).
const rest = count - top;
const weights = [1, 2, 3, 4];
const sizes = weights.map((w) => Math.floor((rest * w) / 10));
sizes[sizes.length - 1] += rest - sizes.reduce((a, b) => a + b, 0);
const layers = [];
let next = 0;
for (const size of [top, ...sizes]) {
  layers.push(Array.from({ length: size }, () => next++));
}
const scopes = ['@bench-core', '@bench-ui', '@bench-tools'];
const words = ['util', 'parse', 'format', 'color', 'path', 'stream', 'cache', 'queue', 'retry', 'event', 'glob',
  'semver', 'json', 'yaml', 'ansi', 'debug', 'fetch', 'hash', 'tar', 'zip', 'date', 'uuid', 'mime', 'url'];
const packages = Array.from({ length: count }, (_, i) => {
  const base = `${pick(words)}-${pick(words)}-${String(i).padStart(3, '0')}`;
  const scoped = random() < 0.2;
  return { name: scoped ? `${pick(scopes)}/${base}` : `bench-${base}`, deps: new Set(), layer: 0 };
});
layers.forEach((layer, l) => layer.forEach((i) => { packages[i].layer = l; }));
// Every package of layer l+1 gets one parent in layer l (so all are reachable), then parents get up to 4 children.
for (let l = 0; l + 1 < layers.length; l++) {
  for (const child of layers[l + 1]) packages[pick(layers[l])].deps.add(child);
  for (const parent of layers[l]) {
    const want = 1 + Math.floor(random() * 4);
    for (let tries = 0; packages[parent].deps.size < want && tries < 16; tries++) {
      packages[parent].deps.add(pick(layers[l + 1]));
    }
    // a few cross-layer edges (two layers down), as real trees share low-level utilities
    if (l + 2 < layers.length && random() < 0.3) packages[parent].deps.add(pick(layers[l + 2]));
  }
}

const readme = (name) => `# ${name}\n\n` + 'A small package generated for the registry benchmark. '.repeat(12) + '\n\n## Usage\n\n'
  + '```js\nconst m = require(\'' + name + '\');\nconsole.log(m.describe());\n```\n';
const dirs = [];
packages.forEach((p, i) => {
  const dir = join(out, 'packages', String(i).padStart(3, '0'));
  mkdirSync(dir, { recursive: true });
  const dependencies = Object.fromEntries([...p.deps].sort((a, b) => a - b).map((d) => [packages[d].name, '^1.0.0']));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: p.name, version: '1.0.0', description: `Benchmark package ${i} (layer ${p.layer}).`, main: 'index.js',
    license: 'MIT', keywords: ['bench'], repository: { type: 'git', url: 'git+https://example.invalid/bench/tree.git' },
    dependencies, ...(p.name.startsWith('@') ? { publishConfig: { access: 'public' } } : {}),
  }, null, 2) + '\n');
  writeFileSync(join(dir, 'index.js'), [...p.deps].map((d) => `require('${packages[d].name}');\n`).join('')
    + `exports.describe = () => '${p.name}';\n`);
  writeFileSync(join(dir, 'README.md'), readme(p.name));
  dirs.push({ dir, layer: p.layer });
});
mkdirSync(join(out, 'project'), { recursive: true });
writeFileSync(join(out, 'project', 'package.json'), JSON.stringify({
  name: 'bench-tree-project', version: '1.0.0', private: true, description: 'Depends on the benchmark tree.',
  dependencies: Object.fromEntries(layers[0].map((i) => [packages[i].name, '^1.0.0'])),
}, null, 2) + '\n');
writeFileSync(join(out, 'packages.txt'), dirs.sort((a, b) => b.layer - a.layer).map((d) => d.dir).join('\n') + '\n');
const edges = packages.reduce((n, p) => n + p.deps.size, 0);
console.log(JSON.stringify({
  packages: count, scoped: packages.filter((p) => p.name.startsWith('@')).length, rootDependencies: top,
  layers: layers.map((l) => l.length), dependencyEdges: edges, seed: Number(seedArg ?? 1),
}));
