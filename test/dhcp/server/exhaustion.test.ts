import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {MessageType} from '../../../src/dhcp/engine-types.js'
import {type Harness, SERVER_ADDRESS, startHarness} from './harness.js'

const twoAddresses = {offerHold: '30s', scopes: [{name: 'tiny', subnet: '198.18.10.0/24', ranges: ['198.18.10.50-198.18.10.51'], leaseTime: '1h'}]}

describe('pool exhaustion', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('sends no OFFER when every address is leased, and counts it', async () => {
    h = await startHarness({config: twoAddresses})
    await h.client().dora()
    await h.client().dora()
    assert.equal(await h.client().discover(), undefined)
    assert.equal(h.server.stats().dropped.poolExhausted, 1)
    assert.match(h.logs.at(-1)!, /no free address in tiny/)
  })

  it('answers a REQUEST for an address in use with a NAK', async () => {
    h = await startHarness({config: twoAddresses})
    await h.client().dora()
    await h.client().dora()
    const nak = await h.client().send(MessageType.Request, {requested: '198.18.10.51', serverId: SERVER_ADDRESS})
    assert.equal(nak?.type, MessageType.Nak)
  })

  it('counts held offers as in use until they expire', async () => {
    h = await startHarness({config: twoAddresses})
    await h.client().discover()
    await h.client().discover()
    assert.equal(await h.client().discover(), undefined)
    h.clock.advance(31)
    assert.equal((await h.client().discover())?.type, MessageType.Offer)
  })

  it("keeps a renewed lease's address past the first expiry and frees it when the renewed lease ends", async () => {
    h = await startHarness({config: {...twoAddresses, scopes: [{...twoAddresses.scopes[0], ranges: ['198.18.10.50-198.18.10.50']}]}})
    const renewing = h.client()
    await renewing.dora()
    h.clock.advance(1800)
    assert.equal((await renewing.renew())?.type, MessageType.Ack)
    h.clock.advance(1801)
    assert.equal(await h.client().discover(), undefined, 'the first lease would have ended now, the renewed one has not')
    h.clock.advance(1800)
    assert.equal((await h.client().discover())?.type, MessageType.Offer)
  })

  it('reuses addresses whose leases expired', async () => {
    h = await startHarness({config: twoAddresses})
    await h.client().dora()
    await h.client().dora()
    h.clock.advance(3601)
    const offer = await h.client().discover()
    assert.equal(offer?.type, MessageType.Offer)
  })
})
