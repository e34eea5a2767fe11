// A frozen copy of srvctl's build for the length of one run: other people
// rebuild dist/ while a benchmark runs, and a step must not measure a
// different engine than the step before it. Only the compiled sources are
// copied; node_modules, templates and the native addon are linked.
import {cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'

const LINKED = ['node_modules', 'templates', 'native', 'build']

/** @returns {{root: string, builtAt: string, rateLimitFlags: boolean}} */
export function snapshotSrvctl(repo, workdir) {
  const root = join(workdir, 'srvctl-build')
  mkdirSync(join(root, 'dist'), {recursive: true})
  // Timestamps kept: bin/run.js runs the serve bundle only while it is newer than the compiled files.
  cpSync(join(repo, 'bin'), join(root, 'bin'), {recursive: true, preserveTimestamps: true})
  cpSync(join(repo, 'dist', 'src'), join(root, 'dist', 'src'), {recursive: true, preserveTimestamps: true})
  cpSync(join(repo, 'package.json'), join(root, 'package.json'))
  for (const name of LINKED) if (existsSync(join(repo, name))) symlinkSync(join(repo, name), join(root, name))
  // The flags live in the command itself in older builds, in a table the command and the lean start share in newer ones.
  const flagSources = [join(root, 'dist', 'src', 'commands', 'dhcp', 'serve.js'), join(root, 'dist', 'src', 'dhcp', 'cli', 'serve-flags.js')]
  return {
    root,
    builtAt: statSync(join(repo, 'dist', 'src', 'commands', 'dhcp', 'serve.js')).mtime.toISOString(),
    // Newer builds rate-limit packets by default; the other servers do not, so the benchmark turns it off.
    rateLimitFlags: flagSources.some((file) => existsSync(file) && readFileSync(file, 'utf8').includes('rate-limit-new-clients')),
  }
}
