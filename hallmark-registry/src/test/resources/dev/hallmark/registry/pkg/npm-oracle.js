// Regenerates npm-oracle.json from the validate-npm-package-name and semver that npm itself bundles:
//   NODE_PATH=$(npm root -g)/npm/node_modules node npm-oracle.js > npm-oracle.json
// The Java tests compare PackageName, SemVer and DistTags against these answers (differential testing).
'use strict'
const validate = require('validate-npm-package-name')
const semver = require('semver')

let seed = 20240611
const rand = () => { // mulberry32: deterministic, so the fixture is reproducible
  seed = (seed + 0x6D2B79F5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const randomStrings = (alphabet, count, maxLength) => {
  const out = []
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(rand() * maxLength)
    let s = ''
    for (let j = 0; j < length; j++) s += alphabet[Math.floor(rand() * alphabet.length)]
    out.push(s)
  }
  return out
}

const pick = (xs) => xs[Math.floor(rand() * xs.length)]
const namePart = () => randomStrings(rand() < 0.8 ? 'abz09.-_' : 'ab0.-_A~!%: ü*()\'@/', 1, 6)[0]
const randomNames = (count) => Array.from({ length: count }, () => (rand() < 0.4 ? '@' + namePart() + '/' : '') + namePart())
const versionId = () => pick(['0', '1', '12', '01', '00', 'a', 'rc', 'x', '-', '0a', 'A-1', '', '9007199254740992'])
const ids = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, versionId).join('.')
const randomVersions = (count) => Array.from({ length: count }, () => {
  const core = [0, 1, 2].map(() => pick(['0', '1', '10', '2', '0', '1', '9007199254740991', '01', '9007199254740992', 'x', ''])).join('.')
  return pick(['', '', '', '', '', '', 'v', '=', ' ']) + core + (rand() < 0.5 ? '-' + ids() : '') + (rand() < 0.3 ? '+' + ids() : '')
})

const names = [
  'some-package', 'example.com', 'under_score', 'period.js', '123numeric', 'crazy!', '@npm/thingy',
  '@npm-zors/money!time.js', '', '.start-with-period', '-start-with-hyphen', '_start-with-underscore',
  'contain:colons', ' leading-space', 'trailing-space ', 's/l/a/s/h/e/s', 'node_modules', 'favicon.ico',
  'http', 'fs', 'process', 'CAPITAL-LETTERS', '@scope/.period', '@scope/..', '@scope/.', '..', '.', '@a/b/c',
  '@a', '@/a', 'a@b', '@a%2fb', '%40a', 'a%2e', 'a\\b', 'a\u0000b', 'a\tb', 'ü', '@types/node', '@a/http',
  'node:test', 'a..b', 'a.', 'a-', 'a_', '@a/-b', '@a/_b', 'a'.repeat(214), 'a'.repeat(215),
  '@s/' + 'a'.repeat(211), '@s/' + 'a'.repeat(212), 'FAVICON.ICO', 'Node_Modules',
  ...randomNames(2000), ...randomStrings('ab0.-_@/A~!%: ü*()\'', 500, 7),
]
const versions = [
  '1.2.3', '0.0.0', '1.2.3-alpha', '1.2.3-alpha.1', '1.2.3-0.3.7', '1.2.3-x.7.z.92', '1.0.0-alpha+001',
  '1.0.0+20130313144700', '1.0.0-beta+exp.sha.5114f85', '1.0.0+21AF26D3----117B344092BD', 'v1.2.3', '=1.2.3',
  ' 1.2.3 ', '01.2.3', '1.02.3', '1.2.03', '1.2', '1', '1.2.3-', '1.2.3+', '1.2.3-01', '1.2.3-a..b', '1.2.3-0a',
  '1.2.3-a.01', '1.2.3+01', '1.2.3+a+b', '1.2.3-a_b', '9007199254740991.0.0', '9007199254740992.0.0',
  '0.9007199254740991.0', '0.0.99999999999999999999', '1.2.3-99999999999999999999', '1.2.3-' + 'a'.repeat(250),
  '1.2.3-' + 'a'.repeat(251), '1.2.3-ü', '1.2.3 -a', '1.2.3-rc.1+build.2', '1.2.3--', '1.2.3---a', '1.2.3-a-',
  '1.2.3.4', '-1.2.3', '1.-2.3', '+1.2.3', '1.2.3-+', 'v 1.2.3', '=v1.2.3', 'vv1.2.3', '\u00a01.2.3',
  ...randomVersions(2000), ...randomStrings('0123.-+avx=', 500, 11),
]
const ordered = [
  '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11',
  '1.0.0-rc.1', '1.0.0', '1.0.1-0', '1.0.1-1', '1.0.1-9', '1.0.1-10', '1.0.1-A', '1.0.1-Z', '1.0.1-a',
  '1.0.1-a.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0-0', '2.0.0', '10.0.0', '9007199254740991.0.0',
]
const tags = [
  'latest', 'next', 'beta', 'canary', 'x', 'X', 'x.x', 'X.x', 'x.1', 'x-beta', 'xbeta', 'vx', 'vX', 'vvx', 'v',
  'vv', 'v1', 'vv1', 'V1', '1', '1a', '1.x', 'latest-1', 'v-next', 'legacy', 'rc', 'v.1', 'x.x-1', 'version',
  ...randomStrings('abvxX019.-_', 2000, 6),
]

const uniq = (xs) => [...new Set(xs)]
process.stdout.write(JSON.stringify({
  generatedBy: {
    'validate-npm-package-name': require('validate-npm-package-name/package.json').version,
    semver: require('semver/package.json').version,
  },
  names: uniq(names).map((input) => ({ input, validForNewPackages: validate(input).validForNewPackages })),
  versions: uniq(versions).map((input) => ({ input, valid: semver.valid(input), clean: semver.clean(input) })),
  ordered,
  tags: uniq(tags).map((input) => ({ input, validRange: semver.validRange(input) })),
}, null, 0).replace(/\},\{/g, '},\n{') + '\n')
