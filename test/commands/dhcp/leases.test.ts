import assert from 'node:assert/strict'
import {appendFileSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {createFileLeaseStore} from '../../../src/dhcp/lease-store/index.js'
import {runCli} from '../../helpers/run-cli.js'

async function leaseFile(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'srvctl-leases-')), 'dhcp4.leases')
  const store = createFileLeaseStore({path, onWarning: () => undefined})
  await store.open()
  const now = Math.floor(Date.now() / 1000)
  await store.commit({address: 0xc6_12_0a_33, clientKey: 'id:01080027aabbcd', hwaddr: '08:00:27:aa:bb:cd', hostname: '', scope: 'office', state: 'released', start: now - 100, expiry: now})
  await store.commit({address: 0xc6_12_0a_32, clientKey: 'hw:08:00:27:aa:bb:cc', hwaddr: '08:00:27:aa:bb:cc', hostname: 'pc1', scope: 'office', state: 'active', start: now, expiry: now + 691_200})
  await store.commit({address: 0xc6_12_0a_34, clientKey: 'hw:08:00:27:aa:bb:ce', hwaddr: '08:00:27:aa:bb:ce', hostname: 'old', scope: 'office', state: 'active', start: now - 900, expiry: now - 10})
  await store.close()
  return path
}

describe('srvctl dhcp leases', () => {
  it('lists the leases that hold an address, with MAC, hostname, state and expiry', async () => {
    const path = await leaseFile()
    const result = await runCli(['dhcp', 'leases', '--lease-file', path])
    assert.equal(result.exitCode, 0, result.stderr)
    const lines = result.stdout.trim().split('\n')
    assert.match(lines[0], /^ADDRESS +MAC +HOSTNAME +STATE +EXPIRES +SCOPE$/)
    assert.equal(lines.length, 2)
    assert.match(lines[1], /^198\.18\.10\.50 +08:00:27:aa:bb:cc +pc1 +active +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +office$/)
  })

  it('shows released and run-out leases with --all, client ids included, as JSON', async () => {
    const path = await leaseFile()
    const result = await runCli(['dhcp', 'leases', '--lease-file', path, '--all', '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    const rows = JSON.parse(result.stdout).result as {address: string; state: string; clientId?: string}[]
    assert.deepEqual(rows.map((r) => [r.address, r.state]), [['198.18.10.50', 'active'], ['198.18.10.51', 'released'], ['198.18.10.52', 'expired']])
    assert.equal(rows[1].clientId, '01080027aabbcd')
  })

  it('reads a file with a torn last line without changing it, and warns', async () => {
    const path = await leaseFile()
    appendFileSync(path, '198.18.10.99\tgarb')
    const before = readFileSync(path)
    const result = await runCli(['dhcp', 'leases', '--lease-file', path, '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.equal(JSON.parse(result.stdout).result.length, 1)
    assert.equal(JSON.parse(result.stdout).warnings.length, 1)
    assert.deepEqual(readFileSync(path), before)
  })
})
