// kill -9 in the middle of a burst of exchanges, then a restart on the same
// lease file: every address the clients were ACKed must still be leased to
// the same client, returning clients get their address back, and across both
// runs no address is ever ACKed to two clients. The load comes from
// serve-load-generator.js acting as a relay on the namespace's loopback.

import assert from 'node:assert/strict'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {ip4ToString} from '../../../src/dhcp/codec/ip4.js'
import {killGroup, Lab, type Namespace, netnsSupported, OutputWatcher, waitExit} from '../../helpers/netns.js'
import {repoRoot} from '../../helpers/repo-root.js'
import {eventually, readLeases, startServe, tempDir} from './serve-fixture.js'

const skip = netnsSupported() ? false : 'needs root and ip netns'
const GENERATOR = join(repoRoot, 'dist', 'test', 'commands', 'dhcp', 'serve-load-generator.js')
const RELAY = '198.18.50.1'
const SERVER = '198.18.50.2'

function ackedPairs(output: string): [mac: string, address: string][] {
  return [...output.matchAll(/^ACK (\S+) (\S+)$/gm)].map((match) => [match[1], match[2]])
}

describe('srvctl dhcp serve killed with SIGKILL under load', {skip, timeout: 90_000}, () => {
  const lab = new Lab('dcrash')
  const temp = tempDir('dhcp-crash')
  const leaseFile = join(temp.path, 'dhcp4.leases')
  const serverArgs = ['--relay-only', '--listen', SERVER, '--range', '198.18.33.1-198.18.49.254', '--prefix', '19', '--lease-file', leaseFile, '--quiet']
  let ns: Namespace

  before(() => {
    ns = lab.namespace('ns')
    ns.addAddress('lo', `${RELAY}/32`)
    ns.addAddress('lo', `${SERVER}/32`)
  })

  after(async () => {
    await lab.cleanup()
    temp.remove()
  })

  const generate = (clients: number): {output: OutputWatcher; stop: () => Promise<void>} => {
    const child = ns.spawn([process.execPath, GENERATOR, '--bind', RELAY, '--server', SERVER, '--port', '67', '--clients', String(clients), '--first', '0', '--rate', '1500'])
    const output = new OutputWatcher(child)
    return {
      output,
      stop: async () => {
        child.kill('SIGTERM')
        await waitExit(child, 5000)
      },
    }
  }

  it('keeps every ACKed lease with its client across a kill -9, and never gives an address to two clients', async () => {
    let serve = await startServe(serverArgs, ns)
    const first = generate(3000)
    await first.output.waitFor(/READY/)
    await eventually('500 ACKs before the crash', () => (ackedPairs(first.output.text).length >= 500 ? true : undefined))
    killGroup(serve.child.pid, 'SIGKILL')
    await waitExit(serve.child, 5000)
    await first.stop()
    const beforeCrash = ackedPairs(first.output.text)
    assert.ok(beforeCrash.length < 3000, 'the server died in the middle of the load')

    serve = await startServe(serverArgs, ns)
    const leases = new Map((await readLeases(leaseFile)).map((lease) => [ip4ToString(lease.address), lease]))
    for (const [mac, address] of beforeCrash) {
      const lease = leases.get(address)
      assert.equal(lease?.clientKey, `hw:${mac}`, `ACKed ${address} to ${mac} is still that client's lease after the crash`)
      assert.equal(lease.state, 'active')
    }

    const second = generate(4000)
    await eventually('every client to be bound after the restart', () => (ackedPairs(second.output.text).length >= 4000 ? true : undefined), 30_000).catch(async (error) => {
      await second.stop()
      await serve.stop('SIGTERM')
      throw new Error(`${(error as Error).message}: ${ackedPairs(second.output.text).length} ACKs; server: ${serve.output.text}`)
    })
    await second.stop()
    const afterRestart = ackedPairs(second.output.text)
    const addressOf = new Map(beforeCrash)
    for (const [mac, address] of afterRestart) {
      if (addressOf.has(mac)) assert.equal(address, addressOf.get(mac), `${mac} got its address back after the restart`)
    }
    const owner = new Map<string, string>()
    for (const [mac, address] of [...beforeCrash, ...afterRestart]) {
      const previous = owner.get(address)
      assert.ok(previous === undefined || previous === mac, `${address} was ACKed to ${previous} and to ${mac}`)
      owner.set(address, mac)
    }
    assert.equal(await serve.stop('SIGTERM'), 0)
  })
})
