import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {profileFor} from '../../../src/lib/distro/profile.js'
import {detectNetworkBackend, resolvConfIsPlainFile} from '../../../src/services/network/network-backend.js'

function root(files: Record<string, string>, dirs: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvctl-detect-'))
  for (const d of dirs) mkdirSync(join(dir, d), {recursive: true})
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), {recursive: true})
    writeFileSync(join(dir, path), content)
  }
  return dir
}

describe('network backend detection', () => {
  const debian = profileFor('debian')

  it('picks netplan when /etc/netplan has YAML files, even beside ifupdown and NetworkManager', () => {
    const dir = root({'etc/netplan/50-cloud-init.yaml': 'network: {version: 2}\n', 'etc/network/interfaces': ''}, ['etc/NetworkManager'])
    assert.equal(detectNetworkBackend(dir, debian), 'netplan')
  })

  it('ignores an empty /etc/netplan and picks ifupdown on Debian when its file is there', () => {
    assert.equal(detectNetworkBackend(root({'etc/network/interfaces': ''}, ['etc/netplan', 'etc/NetworkManager']), debian), 'ifupdown')
  })

  it('picks NetworkManager on Debian without ifupdown, and always on RHEL', () => {
    assert.equal(detectNetworkBackend(root({}, ['etc/NetworkManager']), debian), 'networkmanager')
    assert.equal(detectNetworkBackend(root({'etc/network/interfaces': ''}), profileFor('rhel')), 'networkmanager')
  })

  it('falls back to ifupdown on a bare Debian root', () => {
    assert.equal(detectNetworkBackend(root({}), debian), 'ifupdown')
  })

  it('writes resolv.conf only when it is a plain file, not a resolvconf or systemd-resolved symlink', () => {
    assert.equal(resolvConfIsPlainFile(root({'etc/resolv.conf': 'nameserver 192.0.2.1\n'})), true)
    assert.equal(resolvConfIsPlainFile(root({})), true)
    const linked = root({}, ['etc'])
    symlinkSync('../run/systemd/resolve/stub-resolv.conf', join(linked, 'etc/resolv.conf'))
    assert.equal(resolvConfIsPlainFile(linked), false)
  })
})
