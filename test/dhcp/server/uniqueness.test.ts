import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {createMemoryLeaseStore} from '../../../src/dhcp/lease-store/index.js'
import {createGatedStore, FakeClock, type Harness, type Reply, SERVER_ADDRESS, startHarness, type TestClient} from './harness.js'

const smallPool = (size: number): unknown => ({
  offerHold: '30s',
  scopes: [{name: 'small', subnet: '198.18.10.0/24', ranges: [`198.18.10.50-198.18.10.${49 + size}`], leaseTime: '1h'}],
})

describe('no address is ever given to two clients', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('two clients discovering at once are offered different addresses', async () => {
    h = await startHarness()
    const [a, b] = [h.client(), h.client()]
    const [offerA, offerB] = await Promise.all([a.discover(), b.discover()])
    assert.notEqual(offerA?.yiaddr, offerB?.yiaddr)
  })

  it('a second client asking for an address held for the first is offered another one', async () => {
    h = await startHarness()
    const offer = await h.client().discover()
    const other = await h.client().discover({requested: offer!.yiaddr})
    assert.notEqual(other?.yiaddr, offer!.yiaddr)
  })

  it('two clients requesting the same free address at the same time: one ACK, one NAK', async () => {
    h = await startHarness()
    const [a, b] = [h.client(), h.client()]
    const replies = await Promise.all([
      a.send(MessageType.Request, {requested: '198.18.10.55', serverId: SERVER_ADDRESS}),
      b.send(MessageType.Request, {requested: '198.18.10.55', serverId: SERVER_ADDRESS}),
    ])
    assert.deepEqual(replies.map((r) => r?.type).sort(), [MessageType.Ack, MessageType.Nak])
  })

  it('many interleaved clients, expiring holds and leases, releases and declines: no address offered or leased to two clients', async () => {
    const clock = new FakeClock()
    h = await startHarness({config: smallPool(8), clock})
    const clients: TestClient[] = Array.from({length: 20}, () => h.client())
    let seed = 7
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    // What clients were told, as a client would act on it: address -> who and until when (ms).
    const leases = new Map<string, {client: TestClient; until: number}>()
    const offers = new Map<string, {client: TestClient; until: number}>()
    const forget = (client: TestClient, beliefs: Map<string, {client: TestClient}>): void => {
      for (const [address, belief] of beliefs) if (belief.client === client) beliefs.delete(address)
    }
    const claimOf = (beliefs: Map<string, {client: TestClient; until: number}>, address: string): TestClient | undefined => {
      const belief = beliefs.get(address)
      return belief !== undefined && clock.ms < belief.until ? belief.client : undefined
    }
    let acks = 0
    const observe = (client: TestClient, reply: Reply | undefined): void => {
      if (reply?.type === MessageType.Offer || reply?.type === MessageType.Ack) {
        const leasedTo = claimOf(leases, reply.yiaddr)
        assert.ok(leasedTo === undefined || leasedTo === client, `${reply.yiaddr} given to ${client.mac} while leased to ${leasedTo?.mac}`)
      }
      if (reply?.type === MessageType.Offer) {
        const offeredTo = claimOf(offers, reply.yiaddr)
        assert.ok(offeredTo === undefined || offeredTo === client, `${reply.yiaddr} offered to ${client.mac} and to ${offeredTo?.mac}`)
        forget(client, offers)
        offers.set(reply.yiaddr, {client, until: clock.ms + 30_000})
      } else if (reply?.type === MessageType.Ack) {
        acks++
        forget(client, offers)
        forget(client, leases)
        leases.set(reply.yiaddr, {client, until: (Math.floor(clock.ms / 1000) + reply.u32(Opt.leaseTime)!) * 1000})
      } else if (reply?.type === MessageType.Nak) {
        forget(client, leases)
      }
    }
    for (let step = 0; step < 1500; step++) {
      const client = clients[random(clients.length)]
      const action = random(7)
      if (action === 0) {
        const offer = await client.discover()
        observe(client, offer)
        if (offer && random(3) > 0) observe(client, await client.select(offer))
      } else if (action === 1 && client.address) observe(client, await client.renew())
      else if (action === 2 && client.address) {
        forget(client, leases)
        await client.release()
      } else if (action === 3) observe(client, await client.reboot(`198.18.10.${50 + random(8)}`))
      else if (action === 4) clock.advance(random(600))
      else if (action === 5 && client.address && random(5) === 0) {
        forget(client, leases)
        forget(client, offers)
        await client.decline(client.address)
        client.address = ''
      } else if (action === 6) observe(client, await client.send(MessageType.Request, {requested: `198.18.10.${50 + random(8)}`, serverId: SERVER_ADDRESS}))
    }
    assert.ok(acks > 100, `the run acknowledged leases (${acks})`)
    assert.equal(h.server.stats().dropped.internalError, 0)
  })

  it('an address whose lease is being committed is offered to nobody else, even when its client asks for another one meanwhile', async () => {
    const gated = createGatedStore()
    h = await startHarness({config: smallPool(3), store: gated.store})
    const a = h.client()
    const first = a.send(MessageType.Request, {requested: '198.18.10.50', serverId: SERVER_ADDRESS})
    const second = a.send(MessageType.Request, {requested: '198.18.10.51', serverId: SERVER_ADDRESS})
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(gated.pending(), 2)
    assert.equal((await h.client().discover())?.yiaddr, '198.18.10.52')
    assert.equal(await h.client().discover(), undefined, 'both addresses in commit stay taken')
    await gated.open()
    assert.deepEqual([(await first)?.type, (await second)?.type], [MessageType.Ack, MessageType.Ack])
  })

  it('after a restart, every unexpired lease stays with its client and is never offered to another', async () => {
    const store = createMemoryLeaseStore()
    const clock = new FakeClock()
    h = await startHarness({config: smallPool(3), store, clock})
    const owners = [h.client(), h.client()]
    for (const owner of owners) await owner.dora()
    await h.stop()

    h = await startHarness({config: smallPool(3), store, clock})
    const newcomer = await h.client({mac: '08:00:27:00:ff:01'}).discover()
    assert.equal(newcomer?.yiaddr, '198.18.10.52', 'only the never-leased address is offered')
    assert.equal(await h.client({mac: '08:00:27:00:ff:02'}).discover(), undefined)
    for (const owner of owners) {
      const again = h.client({mac: owner.mac})
      again.address = owner.address
      assert.equal((await again.renew())?.type, MessageType.Ack)
    }
  })
})
