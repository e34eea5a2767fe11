import assert from 'node:assert/strict'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {parse} from 'yaml'

import {runCli} from '../../helpers/run-cli.js'
import {snapshotTree} from '../../helpers/target-root.js'

function root(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvctl-dhcp-'))
  mkdirSync(join(dir, 'etc'))
  writeFileSync(join(dir, 'etc/os-release'), 'ID=debian\n')
  for (const f of ['passwd', 'group']) cpSync(`/etc/${f}`, join(dir, 'etc', f))
  return dir
}

const OFFICE = ['office', '--range', '198.18.10.50-198.18.10.200', '--exclude', '198.18.10.60-198.18.10.69', '--router', '198.18.10.1', '--dns', '198.18.10.1', '--domain', 'example.test', '--lease-time', '8d']

async function ok(args: string[]): Promise<string> {
  const result = await runCli(args)
  assert.equal(result.exitCode, 0, `${args.join(' ')}: ${result.stderr}`)
  return result.stdout
}

function served(dir: string): {dhcp: {interfaces: string[]; scopes: {name: string; active: boolean; leaseTime: number; options: Record<string, string>; reservations: unknown[]}[]}} {
  return parse(readFileSync(join(dir, 'etc/srvctl/dhcp4.yaml'), 'utf8'))
}

describe('srvctl dhcp scope and reservation', () => {
  it('adds a scope like the console wizard: range, exclusion, 8-day lease, router, DNS, domain', async () => {
    const dir = root()
    await ok(['dhcp', 'scope', 'add', ...OFFICE, '--root', dir])
    const scope = served(dir).dhcp.scopes[0]
    assert.equal(scope.name, 'office')
    assert.equal(scope.leaseTime, 691_200)
    assert.deepEqual(scope.options, {router: '198.18.10.1', 'domain-name-server': '198.18.10.1', 'domain-name': 'example.test'})
    const list = JSON.parse(await ok(['dhcp', 'scope', 'list', '--root', dir, '--json']))
    assert.equal(list.result[0].subnet, '198.18.10.0/24')
    assert.deepEqual(list.result[0].exclusions, [{start: '198.18.10.60', end: '198.18.10.69'}])
    const unit = readFileSync(join(dir, 'etc/systemd/system/srvctl-dhcp.service'), 'utf8')
    assert.match(unit, /^ExecStart=\/usr\/bin\/env srvctl dhcp serve --config \/etc\/srvctl\/dhcp4\.yaml \$SRVCTL_DHCP_ARGS$/m)
    assert.match(unit, /^EnvironmentFile=-\/etc\/default\/srvctl-dhcp$/m)
    assert.match(readFileSync(join(dir, 'etc/default/srvctl-dhcp'), 'utf8'), /^SRVCTL_DHCP_ARGS="--lease-file \/var\/lib\/srvctl\/dhcp4\.leases"$/m)
    assert.match(unit, /^ExecReload=\/bin\/kill -HUP \$MAINPID$/m)
  })

  it('changes, deactivates, activates and removes a scope', async () => {
    const dir = root()
    await ok(['dhcp', 'scope', 'add', ...OFFICE, '--root', dir])
    await ok(['dhcp', 'scope', 'set', 'office', '--lease-time', '1d', '--option', 'ntp-servers 198.18.10.1', '--root', dir])
    let scope = served(dir).dhcp.scopes[0]
    assert.equal(scope.leaseTime, 86_400)
    assert.equal(scope.options['ntp-servers'], '198.18.10.1')
    assert.equal(scope.options.router, '198.18.10.1', 'options not named are kept')
    await ok(['dhcp', 'scope', 'deactivate', 'office', '--root', dir])
    assert.equal(served(dir).dhcp.scopes[0].active, false)
    await ok(['dhcp', 'scope', 'activate', 'office', '--root', dir])
    scope = served(dir).dhcp.scopes[0]
    assert.equal(scope.active, true)
    await ok(['dhcp', 'scope', 'remove', 'office', '--root', dir])
    assert.deepEqual(served(dir).dhcp.scopes, [])
  })

  it('adds and removes reservations by MAC', async () => {
    const dir = root()
    await ok(['dhcp', 'scope', 'add', ...OFFICE, '--root', dir])
    await ok(['dhcp', 'reservation', 'add', '--scope', 'office', '--mac', '08:00:27:AA:BB:CC', '--address', '198.18.10.20', '--hostname', 'printer', '--root', dir])
    const rows = JSON.parse(await ok(['dhcp', 'reservation', 'list', '--root', dir, '--json'])).result
    assert.deepEqual(rows, [{scope: 'office', hwaddr: '08:00:27:aa:bb:cc', address: '198.18.10.20', hostname: 'printer'}])
    await ok(['dhcp', 'reservation', 'remove', '--scope', 'office', '--mac', '08:00:27:aa:bb:cc', '--root', dir])
    assert.deepEqual(served(dir).dhcp.scopes[0].reservations, [])
  })

  const rejected: [string, string[], RegExp][] = [
    ['an overlapping scope', ['dhcp', 'scope', 'add', 'other', '--range', '198.18.10.210-198.18.10.220'], /overlap/],
    ['a range outside its subnet', ['dhcp', 'scope', 'add', 'lab', '--subnet', '198.18.20.0/24', '--range', '198.18.21.10-198.18.21.20'], /range .* outside|not inside|outside/],
    ['an exclusion outside its range', ['dhcp', 'scope', 'add', 'lab', '--range', '198.18.20.10-198.18.20.20', '--exclude', '198.18.20.30-198.18.20.40'], /exclusion .* is not inside its ranges/],
    ['a reservation outside the subnet', ['dhcp', 'reservation', 'add', '--scope', 'office', '--mac', '08:00:27:aa:bb:cd', '--address', '198.18.99.5'], /reservation|subnet/],
    ['a bad lease time', ['dhcp', 'scope', 'set', 'office', '--lease-time', 'forever'], /not a duration/],
    ['an unknown scope', ['dhcp', 'scope', 'remove', 'nosuch'], /there is no DHCP scope 'nosuch'/],
  ]
  for (const [label, args, expected] of rejected) {
    it(`rejects ${label} with one error line and exit 2, saving nothing`, async () => {
      const dir = root()
      await ok(['dhcp', 'scope', 'add', ...OFFICE, '--root', dir])
      const before = snapshotTree(dir)
      const result = await runCli([...args, '--root', dir])
      assert.equal(result.exitCode, 2, result.stderr)
      assert.equal(result.stderr.trim().split('\n').length <= 2, true, result.stderr)
      assert.match(result.stderr.split('\n')[0], /^Error: /)
      assert.match(result.stderr, expected)
      assert.deepEqual(snapshotTree(dir), before)
    })
  }

  it('enable dhcp sets the interfaces and keeps the scopes', async () => {
    const dir = root()
    await ok(['dhcp', 'scope', 'add', ...OFFICE, '--root', dir])
    await ok(['enable', 'dhcp', '--interface', 'eth1', '--root', dir])
    const config = served(dir).dhcp
    assert.deepEqual(config.interfaces, ['eth1'])
    assert.match(readFileSync(join(dir, 'etc/default/srvctl-dhcp'), 'utf8'), /^SRVCTL_DHCP_ARGS="--interface eth1 --lease-file /m)
    assert.equal(config.scopes.length, 1)
    const again = JSON.parse(await ok(['enable', 'dhcp', '--interface', 'eth1', '--root', dir, '--json']))
    assert.equal(again.result.changes, 0)
  })
})
