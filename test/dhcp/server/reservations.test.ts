import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'

import {Opt} from '../../../src/dhcp/codec/packet-constants.js'
import {MessageType} from '../../../src/dhcp/engine-types.js'
import {type Harness, ip, SERVER_ADDRESS, startHarness} from './harness.js'

const PRINTER = '08:00:27:aa:00:01'

function withReservations(): unknown {
  return {
    scopes: [
      {
        name: 'office',
        subnet: '198.18.10.0/24',
        ranges: ['198.18.10.50-198.18.10.52'],
        options: {router: '198.18.10.1'},
        reservations: [
          {hwaddr: PRINTER, address: '198.18.10.51', hostname: 'printer'},
          {hwaddr: '08:00:27:aa:00:02', address: '198.18.10.20'},
          {clientId: '01080027aa0003', address: '198.18.10.21'},
        ],
      },
    ],
  }
}

describe('reservations', () => {
  let h: Harness
  afterEach(() => h?.stop())

  it('gives a reserved client its address, with its host name, even when the address is inside a range', async () => {
    h = await startHarness({config: withReservations()})
    const ack = await h.client({mac: PRINTER}).dora()
    assert.equal(ack.yiaddr, '198.18.10.51')
    assert.equal(ack.option(Opt.hostName)?.toString(), 'printer')
    assert.equal(h.store.getByAddress(ip('198.18.10.51'))?.hostname, 'printer')
  })

  it('gives a reserved address outside the ranges to its client', async () => {
    h = await startHarness({config: withReservations()})
    assert.equal((await h.client({mac: '08:00:27:aa:00:02'}).dora()).yiaddr, '198.18.10.20')
  })

  it('matches a reservation by client identifier', async () => {
    h = await startHarness({config: withReservations()})
    assert.equal((await h.client({mac: '08:00:27:00:99:99', clientId: '01080027aa0003'}).dora()).yiaddr, '198.18.10.21')
  })

  it('matches a MAC reservation for a client that also sends a client identifier', async () => {
    h = await startHarness({config: withReservations()})
    assert.equal((await h.client({mac: PRINTER, clientId: '01080027aa0001'}).dora()).yiaddr, '198.18.10.51')
  })

  it('never offers a reserved address to another client, from the pool or on request', async () => {
    h = await startHarness({config: withReservations()})
    const offered = new Set<string>()
    for (let i = 0; i < 3; i++) {
      const offer = await h.client().discover({requested: '198.18.10.51'})
      if (offer) offered.add(offer.yiaddr)
    }
    assert.deepEqual([...offered].sort(), ['198.18.10.50', '198.18.10.52'])
    const nak = await h.client().send(MessageType.Request, {requested: '198.18.10.51', serverId: SERVER_ADDRESS})
    assert.equal(nak?.type, MessageType.Nak)
  })

  it('confirms a reserved address at INIT-REBOOT without a lease on record', async () => {
    h = await startHarness({config: withReservations()})
    const ack = await h.client({mac: PRINTER}).reboot('198.18.10.51')
    assert.equal(ack?.type, MessageType.Ack)
  })
})
