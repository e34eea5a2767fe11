// Bundles `srvctl dhcp serve`'s lean start (dist/src/dhcp/cli/serve-main.js
// and everything it imports, zod and yaml included) into one file. Node 20
// resolves, reads and compiles each ES module separately: the ~190 modules
// took 0.3 s to import, the one bundled file 0.1 s, and a DHCP server
// restarted on a large lease file must answer within 3 s. Run after tsc;
// bin/run.js uses the bundle only while it is newer than the compiled files.
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

await build({
  entryPoints: [join(root, 'dist', 'src', 'dhcp', 'cli', 'serve-main.js')],
  outfile: join(root, 'dist', 'src', 'dhcp', 'cli', 'serve-main.bundle.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // yaml is CommonJS; a bundled CommonJS module calls require() for node: built-ins.
  banner: {js: "import {createRequire as __srvctlRequire} from 'node:module'; const require = __srvctlRequire(import.meta.url);"},
  sourcemap: true,
  logLevel: 'warning',
})
