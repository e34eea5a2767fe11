import assert from 'node:assert/strict'
import {readdirSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, it} from 'node:test'

import {repoRoot} from '../helpers/repo-root.js'
import {runCli} from '../helpers/run-cli.js'

/** Every command srvctl ships, found the way oclif finds them: one file per command. */
function commandIds(): string[] {
  const dir = join(repoRoot, 'src/commands')
  const ids: string[] = []
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, {withFileTypes: true})) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) ids.push(relative(dir, path).replace(/\.ts$/, '').replace(/\/index$/, '').split('/').join(' '))
    }
  }
  walk(dir)
  return ids.sort()
}

const COMMANDS = commandIds()

describe('CLI contract', () => {
  it('prints the version', async () => {
    const result = await runCli(['--version'])
    assert.equal(result.exitCode, 0)
    assert.match(result.stdout, /^srvctl\/\d+\.\d+\.\d+ /)
  })

  for (const command of COMMANDS) {
    it(`has help with a summary and examples for "${command}"`, async () => {
      const result = await runCli([...command.split(' '), '--help'])
      assert.equal(result.exitCode, 0, result.stderr)
      assert.match(result.stdout, /^USAGE/m)
      assert.match(result.stdout, /^EXAMPLES/m)
    })
  }

  it('exits 2 on an unknown flag', async () => {
    const result = await runCli(['status', '--no-such-flag'])
    assert.equal(result.exitCode, 2)
  })

  it('exits 2 for an unknown service', async () => {
    const result = await runCli(['disable', 'nosuch', '--root', '/tmp', '--distro', 'debian'])
    assert.equal(result.exitCode, 2)
    assert.match(result.stderr, /^Error: unknown service 'nosuch'/m)
  })
})
