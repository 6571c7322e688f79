// Prints the provenance statement stock npm (libnpmpublish) builds for a package in the current environment,
// without signing it: the `sigstore` module npm calls is replaced by one that returns the payload it was given.
// Usage: NPM_ROOT=<npm's node_modules> node provenance-statement.js <name> <version> <sha512 hex>
const Module = require('node:module')
const path = require('node:path')
const root = process.env.NPM_ROOT
const load = Module._load
Module._load = function (request, parent, isMain) {
  if (request === 'sigstore') {
    return { attest: async (payload) => payload.toString('utf8') }
  }
  return load.call(this, request, parent, isMain)
}
const npa = require(path.join(root, 'npm-package-arg'))
const { generateProvenance } = require(path.join(root, 'libnpmpublish', 'lib', 'provenance.js'))
const [name, version, sha512] = process.argv.slice(2)
const subject = { name: npa.toPurl(npa.resolve(name, version)), digest: { sha512 } }
generateProvenance([subject], {}).then((statement) => process.stdout.write(statement))
