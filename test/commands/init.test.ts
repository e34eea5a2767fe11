import assert from 'node:assert/strict'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {execa} from 'execa'

import {repoRoot} from '../helpers/repo-root.js'
import {runCli} from '../helpers/run-cli.js'
import {debianBindRoot, snapshotTree} from '../helpers/target-root.js'

async function inTerminal(steps: [string, string][], args: string[]): Promise<{exitCode: number; output: string}> {
  const result = await execa('python3', [join(repoRoot, 'test/helpers/pty-session.py'), JSON.stringify(steps), '--', 'node', join(repoRoot, 'bin/run.js'), ...args], {
    reject: false,
    timeout: 90_000,
    env: {NO_COLOR: '1'},
  })
  return {exitCode: result.exitCode ?? 1, output: `${result.stdout}${result.stderr}`}
}

describe('srvctl init', () => {
  it('walks the steps in a terminal, shows the plan and applies it after confirmation', async () => {
    const root = debianBindRoot()
    const {exitCode, output} = await inTerminal(
      [
        ['services: ', 'n\r'],
        ['aliases: ', 'n\r'],
        ['failover: ', 'n\r'],
        ['dns: DNS server', 'y\r'],
        ['DNS domain', 'example.test\r'],
        ['listens on', '198.18.0.53\r'],
        ['Records', 'www A 198.18.0.80; @ MX 10 mail; mail A 198.18.0.25\r'],
        ['Forwarders', '\r'],
        ['Networks allowed', '198.18.0.0/15\r'],
        ['dhcp: DHCPv4', 'y\r'],
        ['Interfaces to serve', '\r'],
        ['Scope name', '\r'],
        ['Address range', '198.18.10.50-198.18.10.200\r'],
        ['Prefix length', '\r'],
        ['Exclusions', '198.18.10.60-198.18.10.69\r'],
        ['Lease duration', '\r'],
        ['Router', '198.18.10.1\r'],
        ['DNS servers', '198.18.0.53\r'],
        ['Domain name for clients', 'example.test\r'],
        ['Apply these', 'y\r'],
      ],
      ['init', '--root', root],
    )
    assert.equal(exitCode, 0, output)
    assert.match(output, /Plan: dns, dhcp on debian \(dry run: nothing written\)/)
    assert.match(output, /Applied: dns, dhcp on debian/)
    assert.match(readFileSync(join(root, 'etc/bind/zones/db.example.test'), 'utf8'), /^www\tIN\tA\t198\.18\.0\.80$/m)
    const dhcp = readFileSync(join(root, 'etc/srvctl/dhcp4.yaml'), 'utf8')
    assert.match(dhcp, /leaseTime: 691200/)
    assert.match(dhcp, /router: 198\.18\.10\.1/)
  })

  it('re-asks a question whose answer is invalid, with the reason', async () => {
    const root = debianBindRoot()
    const {exitCode, output} = await inTerminal(
      [
        ['services: ', 'n\r'],
        ['aliases: ', 'n\r'],
        ['failover: ', 'n\r'],
        ['dns: DNS server', 'y\r'],
        ['DNS domain', 'example.test\r'],
        ['listens on', '198.18.0.300\r'],
        ['is not an IPv4 address', '\x15198.18.0.53\r'],
        ['Records', '\r'],
        ['Forwarders', '\r'],
        ['Networks allowed', '\r'],
        ['dhcp: DHCPv4', 'n\r'],
        ['Apply these', 'n\r'],
      ],
      ['init', '--root', root],
    )
    assert.equal(exitCode, 0, output)
    assert.match(output, /Nothing was changed\./)
  })

  it('asks for a secret without echoing it and keeps it in the root-only secrets file', async () => {
    const root = debianBindRoot()
    const {exitCode, output} = await inTerminal(
      [
        ['services: ', 'n\r'],
        ['aliases: ', 'n\r'],
        ['failover: ', 'y\r'],
        ['Shared address', '198.18.40.5/24\r'],
        ['Interface for the shared address', 'eth0\r'],
        ["other machine's own address", '198.18.40.3\r'],
        ['Priority here', '150\r'],
        ['VRRP password', 'Zq7secr\r'],
        ['Health checks', 'named\r'],
        ['dns: DNS server', 'n\r'],
        ['dhcp: DHCPv4', 'n\r'],
        ['Apply these', 'y\r'],
      ],
      ['init', '--root', root],
    )
    assert.equal(exitCode, 0, output)
    assert.match(output, /Applied: failover on debian/)
    assert.doesNotMatch(output, /Zq7secr/)
    assert.doesNotMatch(readFileSync(join(root, 'etc/srvctl/srvctl.yaml'), 'utf8'), /Zq7secr/)
    const secrets = join(root, 'etc/srvctl/secrets.yaml')
    assert.match(readFileSync(secrets, 'utf8'), /authPass: Zq7secr/)
    assert.equal(statSync(secrets).mode & 0o777, 0o600)
  })

  it('takes the answers from a file and writes nothing with --dry-run', async () => {
    const root = debianBindRoot()
    const answers = join(root, 'answers.yaml')
    writeFileSync(answers, 'dns:\n  domain: example.test\n  serverIp: 198.18.0.53\n  records: ["www A 198.18.0.80"]\n')
    const before = snapshotTree(root)
    const result = await runCli(['init', '--answers', answers, '--root', root, '--dry-run', '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.equal(JSON.parse(result.stdout).result.changes, 5)
    assert.deepEqual(snapshotTree(root), before)
  })

  it('refuses to ask questions without a terminal and says what to use instead', async () => {
    const result = await runCli(['init', '--root', debianBindRoot()])
    assert.equal(result.exitCode, 2)
    assert.match(result.stderr, /^Error: srvctl init asks questions and needs a terminal$/m)
  })
})
