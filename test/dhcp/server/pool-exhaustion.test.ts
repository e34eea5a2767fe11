// A pool of four addresses and more clients than that, on a fake clock: new
// clients get no OFFER (or a NAK for an address someone holds), the operator
// gets one warning per interval naming the scope and its size, no lease is
// ever taken from its client, and the clients that have a lease keep renewing.

import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {MessageType} from '../../../src/dhcp/engine-types.js'
import type {Lease} from '../../../src/dhcp/engine-types.js'
import {type Harness, SERVER_ADDRESS, startHarness, type TestClient} from './harness.js'

const fourAddresses = {
  interfaces: ['eth1'],
  offerHold: '30s',
  warningInterval: '60s',
  scopes: [{name: 'tiny', subnet: '198.18.10.0/29', ranges: ['198.18.10.2-198.18.10.5'], leaseTime: '1h'}],
}

const exhaustionWarnings = (h: Harness): string[] => h.logs.filter((line) => line.startsWith('warning: scope tiny: pool'))

function leasesByAddress(h: Harness): Map<string, Lease> {
  return new Map([...h.store.all()].map((lease) => [String(lease.address), {...lease}]))
}

describe('pool exhausted', () => {
  let h: Harness
  afterEach(() => h?.stop())

  async function fillPool(): Promise<TestClient[]> {
    const holders: TestClient[] = []
    for (let i = 0; i < 4; i++) {
      const client = h.client()
      await client.dora()
      holders.push(client)
    }
    return holders
  }

  it('answers no DISCOVER of a new client, warns at most once per interval naming the scope and pool size, and counts every one', async () => {
    h = await startHarness({config: fourAddresses})
    await fillPool()
    let unanswered = 0
    // 30 new clients over 150 s, one every 5 s: warnings at 0 s, 60 s and 120 s.
    for (let i = 0; i < 30; i++) {
      assert.equal(await h.client().discover(), undefined)
      unanswered++
      h.clock.advance(5)
    }
    const warnings = exhaustionWarnings(h)
    assert.equal(warnings.length, 3)
    for (const line of warnings) assert.match(line, /^warning: scope tiny: pool of 4 addresses exhausted \(all leased, offered or quarantined\); \d+ DISCOVERs? got no OFFER; reported at most once every 60 s$/)
    const counts = warnings.map((line) => Number(/; (\d+) DISCOVER/.exec(line)![1]))
    assert.deepEqual(counts, [1, 12, 12], 'each warning counts the DISCOVERs since the previous one')
    assert.equal(h.server.stats().dropped.poolExhausted, unanswered)
    assert.equal(h.server.stats().dropped.internalError, 0)
  })

  it('takes no live lease away: the holders keep their addresses and their leases stay as they were', async () => {
    h = await startHarness({config: fourAddresses})
    const holders = await fillPool()
    const before = leasesByAddress(h)
    for (let i = 0; i < 40; i++) {
      const newcomer = h.client()
      assert.equal(await newcomer.discover(), undefined)
      // A REQUEST for an address another client holds, in SELECTING and INIT-REBOOT: a NAK, never an ACK.
      const taken = holders[i % 4].address
      assert.equal((await newcomer.send(MessageType.Request, {requested: taken, serverId: SERVER_ADDRESS}))?.type, MessageType.Nak)
      assert.equal((await newcomer.send(MessageType.Request, {requested: taken}))?.type, MessageType.Nak)
      h.clock.advance(1)
    }
    assert.deepEqual(leasesByAddress(h), before)
    assert.equal(h.server.stats().sent.ack, 4, 'only the four original ACKs')
  })

  it('still ACKs renewals, rebinds and reboots of the clients that hold the addresses, while new clients are turned away', async () => {
    h = await startHarness({config: fourAddresses})
    const holders = await fillPool()
    const addresses = holders.map((client) => client.address)
    for (let round = 0; round < 5; round++) {
      h.clock.advance(600)
      assert.equal(await h.client().discover(), undefined)
      for (const client of holders) {
        const reply = round % 3 === 0 ? await client.renew() : round % 3 === 1 ? await client.rebind() : await client.reboot()
        assert.equal(reply?.type, MessageType.Ack, `round ${round}: ${client.mac} is answered`)
        assert.equal(reply.yiaddr, addresses[holders.indexOf(client)], 'with the address it holds')
      }
    }
    // 5 × 600 s is well past the 1 h lease: only the renewals kept the leases alive.
    for (const client of holders) assert.equal(h.store.getByClient(client.clientKey)?.state, 'active')
    assert.equal(h.server.stats().dropped.poolExhausted, 5)
  })

  it('offers an address again once a lease is released, and a later shortage is warned about again', async () => {
    h = await startHarness({config: fourAddresses})
    const holders = await fillPool()
    assert.equal(await h.client().discover(), undefined)
    await holders[0].release()
    const newcomer = h.client()
    const offer = await newcomer.discover()
    assert.equal(offer?.type, MessageType.Offer)
    assert.equal((await newcomer.select(offer))?.type, MessageType.Ack)
    h.clock.advance(61)
    assert.equal(await h.client().discover(), undefined)
    assert.equal(exhaustionWarnings(h).length, 2)
  })
})
