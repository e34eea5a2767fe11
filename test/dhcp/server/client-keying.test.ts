import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {type Harness, ip, startHarness} from './harness.js'

describe('clients are keyed by client identifier, else by MAC', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('files the lease under id:<hex of option 61> when the client sends one', async () => {
    h = await startHarness()
    const client = h.client({clientId: '0108002700beef'})
    const ack = await client.dora()
    assert.equal(h.store.getByAddress(ip(ack.yiaddr))?.clientKey, 'id:0108002700beef')
  })

  it('files the lease under hw:<mac> when there is no option 61', async () => {
    h = await startHarness()
    const client = h.client({mac: '08:00:27:00:be:ef'})
    const ack = await client.dora()
    assert.equal(h.store.getByAddress(ip(ack.yiaddr))?.clientKey, 'hw:08:00:27:00:be:ef')
  })

  it('treats one MAC with two client identifiers as two clients', async () => {
    h = await startHarness()
    const first = await h.client({mac: '08:00:27:00:be:ef', clientId: 'ff0001'}).dora()
    const second = await h.client({mac: '08:00:27:00:be:ef', clientId: 'ff0002'}).dora()
    assert.notEqual(first.yiaddr, second.yiaddr)
  })

  it('recognises a client by its identifier after its MAC changed', async () => {
    h = await startHarness()
    const before = await h.client({mac: '08:00:27:00:00:aa', clientId: 'ff0001'}).dora()
    const again = await h.client({mac: '08:00:27:00:00:bb', clientId: 'ff0001'}).discover()
    assert.equal(again?.yiaddr, before.yiaddr)
  })
})
