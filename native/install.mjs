// npm "install" script: builds the native addons (the DHCP socket, and the
// lease log scanner that loads large lease files faster). A failed build does
// not fail the installation, because only the built-in DHCP server on directly
// attached interfaces needs the socket addon (the scanner only saves time);
// it explains how to fix it instead, and the DHCP server repeats that
// explanation if it is started without it.
import {spawnSync} from 'node:child_process'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)))

if (process.platform !== 'linux') {
  console.warn('srvctl: skipping the native addons (Linux only).')
  process.exit(0)
}

const build = spawnSync('node-gyp', ['rebuild'], {cwd: packageRoot, stdio: 'inherit'})
if (build.status === 0) process.exit(0)

const reason = build.error ? `node-gyp could not be started (${build.error.message})` : `node-gyp exited with ${build.status ?? build.signal}`
console.warn(`
srvctl: the native addons were NOT built: ${reason}.
  Everything else in srvctl works; only the DHCP server on directly
  attached interfaces needs them (large lease files also load slower). To fix:
    apt-get install build-essential python3     # a C compiler, make, python3
    cd ${packageRoot} && npm run build:native
  node-gyp also needs the Node.js headers: it downloads them, or set
  npm_config_nodedir to a directory that has include/node (e.g. /usr).
`)
