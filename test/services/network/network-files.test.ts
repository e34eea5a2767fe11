import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {hostsLine, hostsWithLine} from '../../../src/services/network/hosts-file.js'
import {ifupdownFile, mainFileWithout} from '../../../src/services/network/ifupdown-files.js'
import {connectionUuid, keepExistingUuid} from '../../../src/services/network/nm-keyfile.js'

const DEBIAN_MAIN = `# The loopback network interface
source /etc/network/interfaces.d/*

auto lo
iface lo inet loopback

# The primary network interface
allow-hotplug eth0
iface eth0 inet dhcp
	hostname srv1

iface eth0 inet6 auto

auto eth1
iface eth1 inet static
	address 10.0.0.2/24
`

describe('the main ifupdown file', () => {
  it('loses the IPv4 stanza and the hotplug mark of the interface srvctl now writes, and keeps the rest', () => {
    const after = mainFileWithout(DEBIAN_MAIN, ['eth0'])
    assert.doesNotMatch(after, /iface eth0 inet dhcp|hostname srv1|allow-hotplug/)
    assert.match(after, /iface eth0 inet6 auto/)
    assert.match(after, /auto eth1\niface eth1 inet static\n\taddress 10\.0\.0\.2\/24/)
    assert.match(after, /# The primary network interface/)
    assert.doesNotMatch(after, /\n\n\n/)
  })

  it('is left byte for byte when there is nothing to take out (a second run changes nothing)', () => {
    const once = mainFileWithout(DEBIAN_MAIN, ['eth0'])
    assert.equal(mainFileWithout(once, ['eth0']), once)
    assert.equal(mainFileWithout(DEBIAN_MAIN, ['eth9']), DEBIAN_MAIN)
  })

  it('gets the interfaces.d directory sourced when it was not, and a default file when there was none', () => {
    assert.match(mainFileWithout('auto lo\niface lo inet loopback\n', ['eth0']), /\nsource \/etc\/network\/interfaces\.d\/\*\n$/)
    assert.equal(mainFileWithout('source-directory interfaces.d\n', ['eth0']), 'source-directory interfaces.d\n')
    assert.match(mainFileWithout(undefined, ['eth0']), /^source \/etc\/network\/interfaces\.d\/\*$/m)
  })

  it('takes a shared auto line apart instead of dropping the other interfaces', () => {
    assert.equal(mainFileWithout('source /etc/network/interfaces.d/*\nauto lo eth0\n', ['eth0']), 'source /etc/network/interfaces.d/*\nauto lo\n')
  })

  it('stores a VLAN interface under a name source-directory reads', () => {
    assert.equal(ifupdownFile('eth0.100'), '/etc/network/interfaces.d/eth0_100')
  })
})

describe('/etc/hosts', () => {
  const line = hostsLine('192.168.10.2', 'srv1.example.test', 'srv1')

  it('replaces Debian\'s 127.0.1.1 line with the address and both names, and keeps the admin\'s lines', () => {
    const current = '127.0.0.1\tlocalhost\n127.0.1.1\told.example.test old\n192.168.10.9\tprinter\n'
    assert.equal(hostsWithLine(current, line), '127.0.0.1\tlocalhost\n192.168.10.2\tsrv1.example.test srv1\t# srvctl network\n192.168.10.9\tprinter\n')
  })

  it('finds its own line again when the name changes, and changes nothing the second time', () => {
    const first = hostsWithLine('127.0.0.1\tlocalhost\n', line)
    assert.equal(hostsWithLine(first, line), first)
    const renamed = hostsWithLine(first, hostsLine('192.168.10.2', 'srv2.example.test', 'srv2'))
    assert.doesNotMatch(renamed, /srv1/)
    assert.equal(renamed.match(/# srvctl network/g)?.length, 1)
  })
})

describe('NetworkManager keyfiles', () => {
  it('get a stable version-5 style UUID per interface', () => {
    assert.equal(connectionUuid('eth0'), connectionUuid('eth0'))
    assert.notEqual(connectionUuid('eth0'), connectionUuid('eth1'))
    assert.match(connectionUuid('eth0'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('keep the UUID of the profile they replace', () => {
    const rendered = `[connection]\nid=eth0\nuuid=${connectionUuid('eth0')}\n`
    assert.equal(keepExistingUuid(rendered, undefined), rendered)
    assert.match(keepExistingUuid(rendered, '[connection]\nuuid=0D2C6A38-1111-4222-8333-444455556666\n'), /^uuid=0d2c6a38-1111-4222-8333-444455556666$/m)
  })
})
