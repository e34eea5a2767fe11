import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {parseDhcpConfig} from '../../../src/dhcp/config/parse-config.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {type Harness, ip, startHarness} from './harness.js'

const scope = (ranges: string, router: string): unknown => ({
  scopes: [{name: 'office', subnet: '198.18.10.0/24', ranges: [ranges], options: {router}}],
})

describe('reload', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('keeps every lease: a renewal after the reload is acknowledged with the new options', async () => {
    h = await startHarness({config: scope('198.18.10.50-198.18.10.51', '198.18.10.1')})
    const client = h.client()
    await client.dora()
    h.server.reload(parseDhcpConfig(scope('198.18.10.50-198.18.10.51', '198.18.10.254')))
    const ack = await client.renew()
    assert.equal(ack?.type, MessageType.Ack)
    assert.equal(ack.ip(Opt.router), '198.18.10.254')
    assert.equal(h.store.getByAddress(ip(client.address))?.clientKey, client.clientKey)
  })

  it('keeps leased and offered addresses taken in the new pools', async () => {
    h = await startHarness({config: scope('198.18.10.50-198.18.10.52', '198.18.10.1')})
    await h.client().dora()
    await h.client().discover()
    h.server.reload(parseDhcpConfig(scope('198.18.10.50-198.18.10.52', '198.18.10.1')))
    assert.equal((await h.client().discover())?.yiaddr, '198.18.10.52')
    assert.equal(await h.client().discover(), undefined)
  })

  it('answers a renewal of an address no longer in the pool with a NAK', async () => {
    h = await startHarness({config: scope('198.18.10.50-198.18.10.52', '198.18.10.1')})
    const client = h.client()
    await client.dora()
    h.server.reload(parseDhcpConfig(scope('198.18.10.60-198.18.10.62', '198.18.10.1')))
    assert.equal((await client.renew())?.type, MessageType.Nak)
    assert.equal((await client.discover())?.yiaddr, '198.18.10.60')
  })

  it('stops serving a scope that was removed or deactivated', async () => {
    h = await startHarness({config: scope('198.18.10.50-198.18.10.52', '198.18.10.1')})
    h.server.reload(parseDhcpConfig({scopes: [{name: 'office', subnet: '198.18.10.0/24', ranges: ['198.18.10.50-198.18.10.52'], active: false}]}))
    assert.equal(await h.client().discover(), undefined)
    assert.equal(h.server.stats().dropped.noScope, 1)
  })
})
