// A client on a second subnet, behind ISC dhcrelay in a middle namespace:
//   cli (vc) <-> (r-down 198.18.31.1) rel (r-up 198.18.30.2) <-> (s-r 198.18.30.1) srv
// It must get an address of the relayed subnet's scope, not of the scope on
// the server's own link, and renew straight with the server afterwards.

import assert from 'node:assert/strict'
import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {stringify} from 'yaml'

import {ip4ToString} from '../../../src/dhcp/codec/ip4.js'
import {Lab, type Namespace, netnsSupported, OutputWatcher} from '../../helpers/netns.js'
import {eventually, readLeases, type ServeProcess, startServe, tempDir} from './serve-fixture.js'

const skip = !netnsSupported() ? 'needs root and ip netns' : !existsSync('/usr/sbin/dhcrelay') || !existsSync('/usr/sbin/udhcpc') ? 'needs dhcrelay and udhcpc' : false

describe('srvctl dhcp serve behind a real relay (dhcrelay)', {skip, timeout: 60_000}, () => {
  const lab = new Lab('drel')
  const temp = tempDir('dhcp-relay')
  let serve: ServeProcess
  let client: Namespace
  let relayOutput: OutputWatcher
  const leaseFile = join(temp.path, 'dhcp4.leases')

  before(async () => {
    const server = lab.namespace('srv')
    const relay = lab.namespace('rel')
    client = lab.namespace('cli')
    lab.link(server, 's-r', relay, 'r-up')
    lab.link(relay, 'r-down', client, 'vc')
    server.addAddress('s-r', '198.18.30.1/24')
    relay.addAddress('r-up', '198.18.30.2/24')
    relay.addAddress('r-down', '198.18.31.1/24')
    server.ip('route', 'add', '198.18.31.0/24', 'via', '198.18.30.2')
    await relay.run(['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'])

    const configFile = join(temp.path, 'dhcp4.yaml')
    writeFileSync(
      configFile,
      stringify({
        dhcp: {
          interfaces: ['s-r'],
          leaseFile,
          scopes: [
            {name: 'near', subnet: '198.18.30.0/24', ranges: ['198.18.30.100-198.18.30.150'], options: {router: '198.18.30.1'}},
            {name: 'far', subnet: '198.18.31.0/24', ranges: ['198.18.31.100-198.18.31.150'], options: {router: '198.18.31.1', 'domain-name-server': '198.18.30.1'}},
          ],
        },
      }),
    )
    serve = await startServe(['--config', configFile], server)
    const relayProcess = relay.spawn(['dhcrelay', '-4', '-d', '-a', '--no-pid', '-iu', 'r-up', '-id', 'r-down', '198.18.30.1'])
    relayOutput = new OutputWatcher(relayProcess)
    await relayOutput.waitFor(/Sending on\s+Socket\/fallback|Sending on/)
  })

  after(async () => {
    const code = await serve?.stop('SIGTERM')
    await lab.cleanup()
    temp.remove()
    assert.equal(code, 0)
  })

  it('leases an address of the relayed subnet with its router, and renews it directly with the server', async () => {
    const record = join(temp.path, 'record.log')
    const script = join(temp.path, 'hook.sh')
    writeFileSync(
      script,
      `#!/bin/sh
case "$1" in
  bound|renew) ip addr replace "$ip/$mask" dev "$interface"; ip route replace default via "$router" ;;
  deconfig) ip -4 addr flush dev "$interface" ;;
esac
echo "$1|$ip|$router|$dns|$serverid" >> ${record}
`,
    )
    chmodSync(script, 0o755)
    const udhcpc = client.spawn(['udhcpc', '-i', 'vc', '-f', '-s', script, '-t', '5', '-T', '1', '-A', '1'])
    const output = new OutputWatcher(udhcpc)
    const lines = (): string[][] => (existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean).map((line) => line.split('|')) : [])

    const bound = await eventually('udhcpc to be bound', () => lines().find(([event]) => event === 'bound'))
    const [, address, router, dns, serverId] = bound
    assert.match(address, /^198\.18\.31\.1\d\d$/, 'an address of the relayed subnet')
    assert.equal(router, '198.18.31.1')
    assert.equal(dns.trim(), '198.18.30.1')
    assert.equal(serverId, '198.18.30.1')
    assert.deepEqual(client.addresses('vc'), [`${address}/24`])
    assert.match(serve.output.text, /DISCOVER from [0-9a-f:]{17} via 198\.18\.31\.1 \(relay\)/)
    const lease = (await readLeases(leaseFile)).find((candidate) => ip4ToString(candidate.address) === address)
    assert.equal(lease?.scope, 'far')
    assert.equal(lease.state, 'active')

    await new Promise((resolve) => setTimeout(resolve, 1100))
    udhcpc.kill('SIGUSR1')
    await eventually('udhcpc to renew', () => lines().find(([event]) => event === 'renew'))
    assert.match(output.text, /sending renew to server 198\.18\.30\.1/)
    const renewed = (await readLeases(leaseFile)).find((candidate) => ip4ToString(candidate.address) === address)
    assert.ok(renewed!.expiry > lease.expiry, 'the direct renewal extended the relayed lease')
    udhcpc.kill('SIGTERM')
  })
})
