#!/usr/bin/env node
import {statSync} from 'node:fs'

// `srvctl dhcp serve` starts without oclif (about 0.4 s and 30 MiB less), from
// one bundled file when the build made it (scripts/bundle-serve.mjs, 0.2 s
// less again): a DHCP server restarted on a large lease file must answer
// soon. Help, and every other command, go through oclif.
const [topic, command, ...rest] = process.argv.slice(2)
if (topic === 'dhcp' && command === 'serve' && !rest.some((arg) => arg === '--help' || arg === '-h')) {
  const {main} = await import(serveEntry())
  await main(rest)
} else {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
}

/** The bundle, unless tsc has compiled newer sources since it was made (then it would run old code). */
function serveEntry() {
  const compiled = new URL('../dist/src/dhcp/cli/serve-main.js', import.meta.url)
  const bundle = new URL('../dist/src/dhcp/cli/serve-main.bundle.js', import.meta.url)
  const bundledAt = statSync(bundle, {throwIfNoEntry: false})?.mtimeMs
  const compiledAt = statSync(compiled, {throwIfNoEntry: false})?.mtimeMs
  return bundledAt !== undefined && (compiledAt === undefined || bundledAt >= compiledAt) ? bundle.href : compiled.href
}
