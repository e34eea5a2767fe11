import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {execa} from 'execa'

import {repoRoot} from '../helpers/repo-root.js'
import {debianBindRoot} from '../helpers/target-root.js'

const ESC = '\u001B['

/** Runs srvctl on a real terminal (a pty) and returns what the terminal showed, escape sequences kept. */
async function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const result = await execa('python3', [join(repoRoot, 'test/helpers/pty-session.py'), '[]', '--', 'node', join(repoRoot, 'bin/run.js'), ...args], {
    reject: false,
    timeout: 60_000,
    env: {PTY_KEEP_ANSI: '1', TERM: 'xterm-256color', ...env},
    extendEnv: false,
  })
  assert.equal(result.exitCode, 0, String(result.stdout) + String(result.stderr))
  return String(result.stdout)
}

describe('colour', () => {
  const args = (root: string) => ['enable', 'dns', '--domain', 'example.test', '--server-ip', '198.18.0.53', '--record', 'www A 198.18.0.80', '--root', root, '--dry-run']

  it('colours diffs on a terminal', async () => {
    const output = await onTerminal(args(debianBindRoot()), {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root'})
    assert.ok(output.includes(ESC), 'escape sequences on a terminal')
  })

  it('never colours with NO_COLOR set, even on a terminal', async () => {
    const output = await onTerminal(args(debianBindRoot()), {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NO_COLOR: '1'})
    assert.ok(output.includes('+www\tIN\tA\t198.18.0.80'), output)
    assert.equal(output.includes(ESC), false)
  })

  it('never colours when the output is not a terminal', async () => {
    // No NO_COLOR at all: only the missing terminal keeps the colour away.
    const result = await execa('node', [join(repoRoot, 'bin/run.js'), ...args(debianBindRoot())], {
      reject: false,
      extendEnv: false,
      env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', TERM: 'xterm-256color'},
    })
    assert.equal(result.exitCode, 0, String(result.stderr))
    assert.equal(String(result.stdout).includes(ESC), false)
    assert.equal(String(result.stderr).includes(ESC), false)
  })
})
