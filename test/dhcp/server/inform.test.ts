import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {type Harness, RELAY_ADDRESS, startHarness} from './harness.js'

describe('INFORM', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('answers with an ACK carrying options only: no yiaddr, no lease times, sent to ciaddr', async () => {
    h = await startHarness()
    const ack = await h.client().inform('198.18.10.7', {dstAddress: '198.18.10.1'})
    assert.equal(ack?.type, MessageType.Ack)
    assert.equal(ack.packet.yiaddr, 0)
    assert.equal(ack.packet.ciaddr, 0xc6120a07)
    assert.deepEqual(ack.target, {address: '198.18.10.7', port: 68})
    assert.equal(ack.ip(Opt.router), '198.18.10.1')
    assert.equal(ack.option(Opt.leaseTime), undefined)
    assert.equal(ack.option(Opt.renewalTime), undefined)
    assert.equal(h.store.size, 0, 'no lease recorded')
  })

  it('answers a relayed INFORM through the relay with the relayed scope options', async () => {
    h = await startHarness()
    const ack = await h.client({relay: RELAY_ADDRESS}).inform('198.18.20.50', {dstAddress: '198.18.10.1'})
    assert.equal(ack?.ip(Opt.router), '198.18.20.1')
    assert.deepEqual(ack.target, {address: RELAY_ADDRESS, port: 67})
  })
})
