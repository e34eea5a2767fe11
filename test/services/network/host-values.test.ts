import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {hostAddressProblem, inSubnet, networkOf, parseHostAddress} from '../../../src/services/network/host-address.js'
import {hostNameProblem, shortHostName} from '../../../src/services/network/host-name.js'
import {interfaceNameProblem} from '../../../src/services/network/interface-name.js'

describe('interface addresses', () => {
  it('accepts a host address with its prefix and normalises it', () => {
    assert.equal(hostAddressProblem('192.168.10.2/24'), undefined)
    assert.deepEqual(parseHostAddress('192.168.10.2/24'), {address: '192.168.10.2', prefix: 24, cidr: '192.168.10.2/24'})
    assert.equal(hostAddressProblem('198.18.0.1/32'), undefined)
    assert.equal(hostAddressProblem('198.18.0.0/31'), undefined)
  })

  it('names what is wrong: no prefix, a bad prefix, a bad address, the network or broadcast address', () => {
    assert.match(hostAddressProblem('192.168.10.2') ?? '', /must be an IPv4 address with its prefix length, e\.g\. 192\.168\.10\.2\/24/)
    assert.match(hostAddressProblem('192.168.10.2/33') ?? '', /prefix length must be 1 to 32/)
    assert.match(hostAddressProblem('192.168.10.2/0') ?? '', /prefix length must be 1 to 32/)
    assert.match(hostAddressProblem('192.168.10.2/2x') ?? '', /must be an IPv4 address with its prefix/)
    assert.match(hostAddressProblem('192.168.10.300/24') ?? '', /'192\.168\.10\.300' is not an IPv4 address/)
    assert.match(hostAddressProblem('192.168.10.0/24') ?? '', /is the network address of 192\.168\.10\.0\/24/)
    assert.match(hostAddressProblem('192.168.10.255/24') ?? '', /is the broadcast address of 192\.168\.10\.0\/24/)
    assert.match(hostAddressProblem('192.168.10.2/24\nx') ?? '', /\\n/)
  })

  it('tells whether a gateway is inside the interface network, for every prefix length', () => {
    const host = parseHostAddress('192.168.10.2/24')
    assert.equal(inSubnet('192.168.10.1', host), true)
    assert.equal(inSubnet('192.168.11.1', host), false)
    assert.equal(inSubnet('10.1.255.254', parseHostAddress('10.1.0.5/16')), true)
    assert.equal(inSubnet('200.1.2.3', parseHostAddress('198.18.0.5/1')), true)
    assert.equal(inSubnet('198.18.0.6', parseHostAddress('198.18.0.5/32')), false)
    assert.equal(networkOf(parseHostAddress('172.16.5.9/20')), '172.16.0.0/20')
  })
})

describe('host and interface names', () => {
  it('accepts fully qualified and short host names', () => {
    assert.equal(hostNameProblem('srv1.example.test'), undefined)
    assert.equal(hostNameProblem('srv1'), undefined)
    assert.equal(shortHostName('srv1.example.test'), 'srv1')
  })

  it('rejects spaces, newlines, underscores, empty labels and a trailing dot, showing the name escaped', () => {
    assert.match(hostNameProblem('srv 1') ?? '', /host name 'srv 1' may contain only letters, digits and '-'/)
    assert.match(hostNameProblem('srv1\nevil') ?? '', /host name 'srv1\\nevil'/)
    assert.ok(hostNameProblem('srv_1'))
    assert.ok(hostNameProblem('srv1..test'))
    assert.ok(hostNameProblem('srv1.example.test.'))
    assert.ok(hostNameProblem('-srv1'))
    assert.match(hostNameProblem('') ?? '', /empty/)
  })

  it('accepts real interface names and rejects paths, spaces and names over 15 characters', () => {
    for (const name of ['eth0', 'ens18', 'enp3s0f1', 'bond0.100', 'br-lan']) assert.equal(interfaceNameProblem(name), undefined, name)
    for (const name of ['../etc', 'eth 0', 'eth0\n', 'abcdefghijklmnop', '', 'eth0:1']) assert.ok(interfaceNameProblem(name), JSON.stringify(name))
  })
})
