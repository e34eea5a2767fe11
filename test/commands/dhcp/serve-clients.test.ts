// Real DHCP clients (ISC dhclient, busybox udhcpc, dhcpcd) against
// `srvctl dhcp serve`, each in its own network namespace on its own veth to
// the server's namespace: the lease must land on the client's interface with
// the configured router and DNS, survive a renewal and a "reboot", and end
// with a release; the lease file must show every step.

import assert from 'node:assert/strict'
import {type ChildProcess} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {stringify} from 'yaml'

import type {Lease} from '../../../src/dhcp/engine-types.js'
import {ip4ToString} from '../../../src/dhcp/codec/ip4.js'
import {Lab, type Namespace, netnsSupported, OutputWatcher, waitExit} from '../../helpers/netns.js'
import {eventually, readLeases, type ServeProcess, startServe, tempDir} from './serve-fixture.js'

const CLIENTS = ['dhclient', 'udhcpc', 'dhcpcd'] as const
const missing = CLIENTS.filter((tool) => !existsSync(`/usr/sbin/${tool}`))
const skip = !netnsSupported() ? 'needs root and ip netns' : missing.length > 0 ? `not installed: ${missing.join(', ')}` : false

/** One client namespace: its veth `vc` faces the server's `s-<name>` on 198.18.<n>.0/24. */
interface Site {
  name: string
  ns: Namespace
  subnet: number
  dir: string
  record: string
}

interface Event {
  reason: string
  address: string
  mask: string
  routers: string
  dns: string
  domain: string
}

describe('srvctl dhcp serve with real clients in network namespaces', {skip, concurrency: true, timeout: 120_000}, () => {
  const lab = new Lab('dcli')
  const temp = tempDir('dhcp-clients')
  const sites = new Map<string, Site>()
  let serve: ServeProcess
  let leaseFile: string

  before(async () => {
    const server = lab.namespace('srv')
    const scopes = []
    const interfaces = []
    for (const [index, name] of ['dh', 'ud', 'dc', 'nk'].entries()) {
      const subnet = 5 + index
      const ns = lab.namespace(name)
      lab.link(server, `s-${name}`, ns, 'vc')
      server.addAddress(`s-${name}`, `198.18.${subnet}.1/24`)
      const dir = join(temp.path, name)
      mkdirSync(dir)
      sites.set(name, {name, ns, subnet, dir, record: join(dir, 'record.log')})
      interfaces.push(`s-${name}`)
      scopes.push({
        name,
        subnet: `198.18.${subnet}.0/24`,
        ranges: [`198.18.${subnet}.100-198.18.${subnet}.150`],
        // dhclient cannot be told to renew: a short lease makes it renew by itself (T1 = 10 s).
        leaseTime: name === 'dh' ? '20s' : '8d',
        options: {router: `198.18.${subnet}.1`, 'domain-name-server': `198.18.${subnet}.1, 198.18.${subnet}.2`, 'domain-name': `${name}.test`},
      })
    }
    leaseFile = join(temp.path, 'dhcp4.leases')
    const configFile = join(temp.path, 'dhcp4.yaml')
    writeFileSync(configFile, stringify({dhcp: {interfaces, leaseFile, scopes}}))
    serve = await startServe(['--config', configFile], server)
  })

  after(async () => {
    const code = await serve?.stop('SIGTERM')
    await lab.cleanup()
    temp.remove()
    assert.equal(code, 0, `the server exits 0 on SIGTERM; output:\n${serve?.output.text}`)
  })

  it('dhclient: lease with router and DNS, renewal, INIT-REBOOT to the same address, release', async () => {
    const site = sites.get('dh')!
    const script = clientScript(site, true)
    const conf = join(site.dir, 'dhclient.conf')
    writeFileSync(conf, 'send host-name "dh-client";\nrequest subnet-mask, routers, domain-name, domain-name-servers, dhcp-lease-time, dhcp-renewal-time, dhcp-rebinding-time;\n')
    const dhclient = (...extra: string[]): Promise<string> =>
      site.ns.run(['dhclient', '-v', '-cf', conf, '-sf', script, '-lf', join(site.dir, 'dhclient.leases'), '-pf', join(site.dir, 'dhclient.pid'), ...extra, 'vc'])

    await dhclient('-1')
    const bound = lastEvent(site, 'BOUND')
    assertLease(site, bound)
    const first = await leaseOf(bound.address)
    assert.equal(first.state, 'active')
    assert.equal(first.hwaddr, site.ns.mac('vc'))
    assert.equal(first.hostname, 'dh-client')
    assert.equal(first.scope, 'dh')

    const renewed = await eventually('dhclient to renew', () => events(site).find((event) => event.reason === 'RENEW'), 20_000)
    assert.equal(renewed.address, bound.address)
    assert.ok((await leaseOf(bound.address)).expiry > first.expiry, 'the renewal moved the expiry')

    await dhclient('-x') // stops without releasing; the script removes the address, like a reboot
    assert.deepEqual(site.ns.addresses('vc'), [])
    await dhclient('-1')
    const rebooted = lastEvent(site, 'REBOOT')
    assert.equal(rebooted.address, bound.address, 'INIT-REBOOT confirmed the same address')
    assertLease(site, rebooted)
    assert.match(serve.output.text, new RegExp(`REQUEST for ${escape(bound.address)} from ${escape(first.hwaddr)} \\(dh-client\\) via s-dh`))

    await dhclient('-r')
    assert.deepEqual(site.ns.addresses('vc'), [])
    await eventually('the lease to be released', async () => ((await leaseOf(bound.address)).state === 'released' ? true : undefined))
  })

  it('udhcpc: lease with router and DNS, renewal, restart to the same address, release', async () => {
    const site = sites.get('ud')!
    const script = clientScript(site, true)
    const start = (): {child: ChildProcess; output: OutputWatcher} => {
      const child = site.ns.spawn(['udhcpc', '-i', 'vc', '-f', '-s', script, '-t', '5', '-T', '1', '-A', '1', '-x', 'hostname:ud-client'])
      return {child, output: new OutputWatcher(child)}
    }
    let client = start()
    const bound = await nextEvent(site, 'bound')
    assertLease(site, bound)
    const first = await leaseOf(bound.address)
    assert.equal(first.state, 'active')
    assert.equal(first.hostname, 'ud-client')
    assert.equal(first.clientKey, `id:01${site.ns.mac('vc').replace(/:/g, '')}`, 'udhcpc sends a client identifier, which keys the lease')

    await new Promise((resolve) => setTimeout(resolve, 1100)) // lease times are in whole seconds
    client.child.kill('SIGUSR1')
    const renewed = await nextEvent(site, 'renew')
    assert.equal(renewed.address, bound.address)
    assert.match(client.output.text, /sending renew to server 198\.18\.6\.1/, 'the renewal was unicast to the server')
    assert.ok((await leaseOf(bound.address)).expiry > first.expiry)

    client.child.kill('SIGTERM')
    await waitExit(client.child, 5000)
    site.ns.ip('-4', 'addr', 'flush', 'dev', 'vc')
    client = start()
    assert.equal((await nextEvent(site, 'bound', 2)).address, bound.address, 'the restarted client got its address back')

    client.child.kill('SIGUSR2')
    await client.output.waitFor(/entering released state/)
    await eventually('the lease to be released', async () => ((await leaseOf(bound.address)).state === 'released' ? true : undefined))
    assert.deepEqual(site.ns.addresses('vc'), [])
    client.child.kill('SIGTERM')
  })

  it('dhcpcd: lease configured on the interface, renewal, INIT-REBOOT from its lease file, release; resolv.conf untouched', async () => {
    const site = sites.get('dc')!
    const script = clientScript(site, false)
    const resolvBefore = readFileSync('/etc/resolv.conf', 'utf8')
    const db = join(site.dir, 'db')
    mkdirSync(db)
    // dhcpcd keeps leases in /var/lib/dhcpcd and its sockets in /run: give it
    // private ones in its own mount namespace. The script replaces the hooks,
    // so no hook writes resolv.conf either.
    const start = (): {child: ChildProcess; output: OutputWatcher} => {
      const child = site.ns.spawn([
        'unshare', '--mount', '--propagation', 'private', 'sh', '-c',
        `mount --bind ${db} /var/lib/dhcpcd && mount -t tmpfs tmpfs /run && exec dhcpcd -f /dev/null -4 -B -A -d -c ${script} vc`,
      ])
      return {child, output: new OutputWatcher(child)}
    }
    let client = start()
    const bound = await nextEvent(site, 'BOUND')
    assertLease(site, bound)
    const first = await leaseOf(bound.address)
    assert.equal(first.state, 'active')

    await new Promise((resolve) => setTimeout(resolve, 1100))
    client.child.kill('SIGUSR1')
    const renewed = await nextEvent(site, 'RENEW')
    assert.equal(renewed.address, bound.address)
    assert.ok((await leaseOf(bound.address)).expiry > first.expiry)

    client.child.kill('SIGTERM')
    await waitExit(client.child, 10_000)
    site.ns.ip('-4', 'addr', 'flush', 'dev', 'vc')
    client = start()
    const rebooted = await nextEvent(site, 'REBOOT')
    assert.match(client.output.text, /rebinding lease of/)
    assert.equal(rebooted.address, bound.address, 'INIT-REBOOT confirmed the same address')
    assertLease(site, rebooted)

    client.child.kill('SIGALRM') // dhcpcd: release and exit
    await waitExit(client.child, 10_000)
    await eventually('the lease to be released', async () => ((await leaseOf(bound.address)).state === 'released' ? true : undefined))
    assert.deepEqual(site.ns.addresses('vc'), [])
    assert.equal(readFileSync('/etc/resolv.conf', 'utf8'), resolvBefore)
  })

  it('a REQUEST for an address of another subnet gets a NAK, and the client then gets one of its own', async () => {
    const site = sites.get('nk')!
    const script = clientScript(site, true)
    const leases = join(site.dir, 'dhclient.leases')
    // A lease dhclient remembers from another network: it will INIT-REBOOT with it.
    writeFileSync(
      leases,
      'lease {\n  interface "vc";\n  fixed-address 198.18.99.50;\n  option subnet-mask 255.255.255.0;\n  option dhcp-lease-time 86400;\n' +
        '  option dhcp-server-identifier 198.18.99.1;\n  renew 4 2037/01/01 00:00:00;\n  rebind 4 2037/01/01 00:00:00;\n  expire 4 2037/01/01 00:00:00;\n}\n',
    )
    const conf = join(site.dir, 'dhclient.conf')
    writeFileSync(conf, 'request subnet-mask, routers, domain-name-servers;\n')
    const output = await site.ns.run(['dhclient', '-1', '-v', '-cf', conf, '-sf', script, '-lf', leases, '-pf', join(site.dir, 'dhclient.pid'), 'vc'])
    void output
    const mac = site.ns.mac('vc')
    assert.match(serve.output.text, new RegExp(`NAK 198\\.18\\.99\\.50 to ${escape(mac)}: 198\\.18\\.99\\.50 is not on the client's network`))
    const bound = lastEvent(site, 'BOUND')
    assert.match(bound.address, /^198\.18\.8\.1\d\d$/)
    assertLease(site, bound)
  })

  async function leaseOf(address: string): Promise<Lease> {
    const lease = (await readLeases(leaseFile)).find((candidate) => ip4ToString(candidate.address) === address)
    assert.ok(lease, `the lease file has ${address}`)
    return lease
  }
})

/**
 * A client hook script that records what the client was told. With `apply`
 * it also sets or removes the address, as the distribution's script would
 * (dhclient, udhcpc); dhcpcd configures the interface itself.
 */
function clientScript(site: Site, apply: boolean): string {
  const path = join(site.dir, 'hook.sh')
  writeFileSync(
    path,
    `#!/bin/sh
reason="\${reason:-$1}"
addr="\${new_ip_address:-$ip}"
mask="\${new_subnet_mask:-$subnet}"
${
  apply
    ? `case "$reason" in
  BOUND|RENEW|REBIND|REBOOT|bound|renew) ip addr replace "$addr/$mask" dev "$interface" ;;
  EXPIRE|FAIL|RELEASE|STOP|deconfig|leasefail|nak) ip -4 addr flush dev "$interface" ;;
esac`
    : ''
}
echo "$reason|$addr|$mask|\${new_routers:-$router}|\${new_domain_name_servers:-$dns}|\${new_domain_name:-$domain}" >> ${site.record}
`,
  )
  chmodSync(path, 0o755)
  return path
}

function events(site: Site): Event[] {
  if (!existsSync(site.record)) return []
  return readFileSync(site.record, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [reason, address, mask, routers, dns, domain] = line.split('|')
      return {reason, address, mask, routers, dns, domain}
    })
}

function lastEvent(site: Site, reason: string): Event {
  const found = events(site).filter((event) => event.reason === reason).at(-1)
  assert.ok(found, `the client script saw ${reason}; it saw: ${events(site).map((event) => event.reason).join(', ')}`)
  return found
}

/** Waits for the client script to report `reason` for the count-th time (clients log before their script has run). */
function nextEvent(site: Site, reason: string, count = 1): Promise<Event> {
  return eventually(`the client script to see ${reason} (${count})`, () => {
    const found = events(site).filter((event) => event.reason === reason)
    return found.length >= count ? found[count - 1] : undefined
  })
}

/** The event's address is on the client's interface, with the scope's router and DNS servers. */
function assertLease(site: Site, event: Event): void {
  const subnet = `198.18.${site.subnet}`
  assert.match(event.address, new RegExp(`^${escape(subnet)}\\.1\\d\\d$`))
  assert.equal(event.mask, '255.255.255.0')
  assert.equal(event.routers, `${subnet}.1`)
  assert.equal(event.dns.trim(), `${subnet}.1 ${subnet}.2`)
  assert.deepEqual(site.ns.addresses('vc'), [`${event.address}/24`])
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
