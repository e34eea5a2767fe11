import assert from 'node:assert/strict'
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {execa} from 'execa'

import {repoRoot} from '../helpers/repo-root.js'

const CLI_DIR = ['dist', 'src', 'dhcp', 'cli']

describe('bin/run.js dhcp serve entry', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'srvctl-run-entry-'))
  after(() => rmSync(scratch, {recursive: true, force: true}))

  it('the build bundles the lean serve start, newer than the compiled files', () => {
    const bundle = statSync(join(repoRoot, ...CLI_DIR, 'serve-main.bundle.js'))
    const compiled = statSync(join(repoRoot, ...CLI_DIR, 'serve-main.js'))
    assert.ok(bundle.mtimeMs >= compiled.mtimeMs, 'serve-main.bundle.js is older than serve-main.js: run `npm run build`')
  })

  it('the bundle reports a bad flag like the compiled start: one Error line, one Hint line, exit 2', async () => {
    const bundle = join(repoRoot, ...CLI_DIR, 'serve-main.bundle.js')
    const script = `const {main} = await import(${JSON.stringify(bundle)}); await main(['--port', 'seventy'])`
    const result = await execa('node', ['--input-type=module', '-e', script], {reject: false, env: {NO_COLOR: '1'}, stdin: 'ignore'})
    assert.equal(result.exitCode, 2)
    assert.deepEqual(String(result.stderr).trim().split('\n'), ['Error: --port seventy is not an integer', 'Hint: see `srvctl dhcp serve --help`'])
  })

  // A copy of bin/run.js beside two stand-ins that say which one was started.
  const layout = (): {bundle: string; compiled: string; run: () => Promise<string>} => {
    const root = mkdtempSync(join(scratch, 'pkg-'))
    mkdirSync(join(root, 'bin'))
    mkdirSync(join(root, ...CLI_DIR), {recursive: true})
    copyFileSync(join(repoRoot, 'bin', 'run.js'), join(root, 'bin', 'run.js'))
    writeFileSync(join(root, 'package.json'), '{"type": "module"}\n')
    const bundle = join(root, ...CLI_DIR, 'serve-main.bundle.js')
    const compiled = join(root, ...CLI_DIR, 'serve-main.js')
    writeFileSync(bundle, "export async function main() { console.log('bundle') }\n")
    writeFileSync(compiled, "export async function main() { console.log('compiled') }\n")
    const run = async (): Promise<string> => String((await execa('node', [join(root, 'bin', 'run.js'), 'dhcp', 'serve'], {stdin: 'ignore'})).stdout).trim()
    return {bundle, compiled, run}
  }

  it('starts dhcp serve from the bundle while it is at least as new as the compiled files', async () => {
    const {bundle, compiled, run} = layout()
    utimesSync(compiled, 1_000_000, 1_000_000)
    utimesSync(bundle, 1_000_000, 1_000_000)
    assert.equal(await run(), 'bundle')
  })

  it('starts dhcp serve from the compiled files once tsc has written newer ones (a stale bundle would run old code)', async () => {
    const {bundle, compiled, run} = layout()
    utimesSync(bundle, 1_000_000, 1_000_000)
    utimesSync(compiled, 1_000_001, 1_000_001)
    assert.equal(await run(), 'compiled')
  })

  it('starts dhcp serve from the compiled files when there is no bundle', async () => {
    const {bundle, run} = layout()
    rmSync(bundle)
    assert.equal(await run(), 'compiled')
  })
})
