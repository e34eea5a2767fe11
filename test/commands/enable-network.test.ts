import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, rmSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {runCli} from '../helpers/run-cli.js'
import {snapshotTree} from '../helpers/target-root.js'

/** A --root tree like a Debian install: eth0 on DHCP in the main interfaces file, the installer's 127.0.1.1 line. */
/** Every --root tree made here, removed when the file is done. */
const made: string[] = []
after(() => {
  for (const root of made) rmSync(root, {recursive: true, force: true})
})

function debianRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'srvctl-net-'))
  made.push(root)
  mkdirSync(join(root, 'etc/network/interfaces.d'), {recursive: true})
  writeFileSync(join(root, 'etc/os-release'), 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n')
  writeFileSync(join(root, 'etc/network/interfaces'), 'source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n\nallow-hotplug eth0\niface eth0 inet dhcp\n')
  writeFileSync(join(root, 'etc/hosts'), '127.0.0.1\tlocalhost\n127.0.1.1\tdebian.localdomain debian\n')
  writeFileSync(join(root, 'etc/hostname'), 'debian\n')
  writeFileSync(join(root, 'etc/resolv.conf'), 'nameserver 192.0.2.53\n')
  return root
}

function rhelRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'srvctl-net-rhel-'))
  made.push(root)
  mkdirSync(join(root, 'etc/NetworkManager/system-connections'), {recursive: true})
  writeFileSync(join(root, 'etc/os-release'), 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n')
  writeFileSync(join(root, 'etc/NetworkManager/system-connections/eth0.nmconnection'), '[connection]\nid=eth0\nuuid=0d2c6a38-1111-4222-8333-444455556666\ntype=ethernet\n')
  return root
}

const FLAGS = ['--interface', 'eth0', '--address', '192.168.10.2/24', '--gateway', '192.168.10.1', '--dns', '192.168.10.1', '--hostname', 'srv1.example.test']

describe('srvctl enable network', {concurrency: true}, () => {
  it('rejects bad input with one error line and exit code 2, and writes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--interface', 'eth0', '--address', '192.168.10.300/24'], /^Error: network\.interfaces\[0\]\.address: '192\.168\.10\.300' is not an IPv4 address/],
      [['--interface', 'eth0', '--address', '192.168.10.2/33'], /^Error: network\.interfaces\[0\]\.address: '192\.168\.10\.2\/33': the prefix length must be 1 to 32$/],
      [['--interface', 'eth0', '--address', '192.168.10.2/24', '--hostname', 'srv 1'], /^Error: network\.hostname: host name 'srv 1' may contain only/],
      [['--interface', 'eth0', '--address', '192.168.10.2/24', '--hostname', 'srv1\nevil'], /^Error: network\.hostname: host name 'srv1\\nevil' may contain only/],
    ]
    await Promise.all(
      cases.map(async ([flags, expected]) => {
        const root = debianRoot()
        const before = snapshotTree(root)
        const result = await runCli(['enable', 'network', ...flags, '--root', root])
        assert.equal(result.exitCode, 2, result.stderr)
        assert.equal(result.stdout, '')
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
        assert.match(result.stderr, expected)
        assert.deepEqual(snapshotTree(root), before)
      }),
    )
  })

  it('writes nothing with --dry-run and shows the new stanza', async () => {
    const root = debianRoot()
    const before = snapshotTree(root)
    const result = await runCli(['enable', 'network', ...FLAGS, '--root', root, '--dry-run'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /^Plan: network on debian \(dry run: nothing written\)/m)
    assert.match(result.stdout, /^\+\taddress 192\.168\.10\.2\/24$/m)
    assert.deepEqual(snapshotTree(root), before)
  })

  it('moves eth0 from the main file into interfaces.d under --root, and changes nothing the second time', async () => {
    const root = debianRoot()
    const first = await runCli(['enable', 'network', ...FLAGS, '--root', root, '--json'])
    assert.equal(first.exitCode, 0, first.stderr)
    const report = JSON.parse(first.stdout).result
    assert.equal(report.mode, 'root')
    assert.equal(report.confirmation, undefined, 'nothing is applied live under --root, so nothing waits for confirmation')
    assert.deepEqual(report.checks.map((c: {status: string}) => c.status), ['passed'])
    assert.match(readFileSync(join(root, 'etc/network/interfaces.d/eth0'), 'utf8'), /^iface eth0 inet static\n\taddress 192\.168\.10\.2\/24\n\tgateway 192\.168\.10\.1$/m)
    assert.equal(readFileSync(join(root, 'etc/network/interfaces'), 'utf8'), 'source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n')
    assert.equal(readFileSync(join(root, 'etc/hosts'), 'utf8'), '127.0.0.1\tlocalhost\n192.168.10.2\tsrv1.example.test srv1\t# srvctl network\n')
    assert.equal(readFileSync(join(root, 'etc/hostname'), 'utf8'), 'srv1\n')
    assert.match(readFileSync(join(root, 'etc/resolv.conf'), 'utf8'), /^nameserver 192\.168\.10\.1$/m)

    const again = await runCli(['apply', '--root', root, '--json'])
    assert.equal(again.exitCode, 0, again.stderr)
    assert.equal(JSON.parse(again.stdout).result.status, 'unchanged')
  })

  it('replaces the NetworkManager profile of a RHEL root, keeping its UUID, readable by root only', async () => {
    const root = rhelRoot()
    const result = await runCli(['enable', 'network', ...FLAGS, '--root', root, '--json'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.equal(JSON.parse(result.stdout).result.distro, 'rhel')
    const keyfile = join(root, 'etc/NetworkManager/system-connections/eth0.nmconnection')
    assert.equal(statSync(keyfile).mode & 0o777, 0o600)
    const text = readFileSync(keyfile, 'utf8')
    assert.match(text, /^uuid=0d2c6a38-1111-4222-8333-444455556666$/m)
    assert.match(text, /^address1=192\.168\.10\.2\/24$/m)
    assert.equal(readFileSync(join(root, 'etc/hostname'), 'utf8'), 'srv1.example.test\n')
  })
})
