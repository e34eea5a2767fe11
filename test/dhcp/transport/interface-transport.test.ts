import assert from 'node:assert/strict'
import {after, before, describe, test} from 'node:test'
import {AgentError, isPacket, isUdp, NsAgent} from './agent-client.js'
import {canCreateNamespaces, createLab, ip, type Lab} from './netns-lab.js'
import {startCapture} from './packet-capture.js'

const hex = (text: string): string => Buffer.from(text).toString('hex')

describe('interface transport in network namespaces', {skip: !canCreateNamespaces() && 'needs root', timeout: 60_000}, () => {
  let lab: Lab
  let server: NsAgent
  let peerA: NsAgent
  let peerB: NsAgent
  let ifindexA: number
  let ifindexB: number

  before(async () => {
    lab = createLab('itx')
    server = NsAgent.spawn(lab.server)
    peerA = NsAgent.spawn(lab.peerA)
    peerB = NsAgent.spawn(lab.peerB)
    ifindexA = await server.request<number>({op: 'ifindex', name: 'sa'})
    ifindexB = await server.request<number>({op: 'ifindex', name: 'sb'})
    // Sees every datagram to port 67 in the server namespace, whichever link.
    await server.request({op: 'listen', tag: 'witness', address: '0.0.0.0', port: 67})
    for (const [peer, address] of [
      [peerA, '198.18.1.2'],
      [peerB, '198.18.2.2'],
    ] as const) {
      // 'own' sends (a broadcast needs a bound source address to be routed)
      // and gets unicast; 'any' gets broadcasts; 'relay' stands for a relay agent.
      await peer.request({op: 'listen', tag: 'own', address, port: 68})
      await peer.request({op: 'listen', tag: 'any', address: '0.0.0.0', port: 68})
      await peer.request({op: 'listen', tag: 'relay', address, port: 67})
    }
  })

  after(async () => {
    await Promise.all([server, peerA, peerB].map((agent) => agent?.stop()))
    lab?.destroy()
  })

  async function withTransport(interfaces: string[], body: () => Promise<void>): Promise<void> {
    await server.request({op: 'startInterfaceTransport', interfaces, port: 67})
    try {
      await body()
    } finally {
      await server.request({op: 'closeTransport'})
    }
  }

  test('a broadcast arriving on the served interface is received with its ifindex, ifname and destination', async () => {
    await withTransport(['sa'], async () => {
      const from = server.events.length
      await peerA.request({op: 'udpSend', tag: 'own', address: '255.255.255.255', port: 67, data: hex('from-a')})
      const {meta} = await server.waitFor(isPacket(hex('from-a')), from)
      assert.deepEqual(meta, {
        ifindex: ifindexA,
        ifname: 'sa',
        srcAddress: '198.18.1.2',
        srcPort: 68,
        dstAddress: '255.255.255.255',
      })
    })
  })

  test('a broadcast arriving on an interface that is not served never reaches the transport', async () => {
    await withTransport(['sa'], async () => {
      const from = server.events.length
      await peerB.request({op: 'udpSend', tag: 'own', address: '255.255.255.255', port: 67, data: hex('from-b')})
      // The namespace did receive it (on sb)...
      await server.waitFor(isUdp('witness', hex('from-b')), from)
      // ...and a later datagram on sa arrives, so had the first been queued
      // on the transport's socket it would have come before this one.
      await peerA.request({op: 'udpSend', tag: 'own', address: '255.255.255.255', port: 67, data: hex('later-a')})
      await server.waitFor(isPacket(hex('later-a')), from)
      assert.equal(server.events.slice(from).filter(isPacket(hex('from-b'))).length, 0)
    })
  })

  test('with two interfaces served, each packet carries the interface it arrived on', async () => {
    await withTransport(['sa', 'sb'], async () => {
      const from = server.events.length
      await peerA.request({op: 'udpSend', tag: 'own', address: '255.255.255.255', port: 67, data: hex('two-a')})
      await peerB.request({op: 'udpSend', tag: 'own', address: '255.255.255.255', port: 67, data: hex('two-b')})
      const a = await server.waitFor(isPacket(hex('two-a')), from)
      const b = await server.waitFor(isPacket(hex('two-b')), from)
      assert.deepEqual([a.meta.ifindex, a.meta.ifname], [ifindexA, 'sa'])
      assert.deepEqual([b.meta.ifindex, b.meta.ifname], [ifindexB, 'sb'])
    })
  })

  test('a broadcast sent with an ifindex leaves through that interface only', async () => {
    await withTransport(['sa', 'sb'], async () => {
      const fromA = peerA.events.length
      const fromB = peerB.events.length
      const send = (data: string, ifindex: number) =>
        server.request({op: 'transportSend', data: hex(data), target: {address: '255.255.255.255', port: 68, ifindex}})
      await send('reply-a', ifindexA)
      const received = await peerA.waitFor(isUdp('any', hex('reply-a')), fromA)
      assert.deepEqual([received.srcAddress, received.srcPort], ['198.18.1.1', 67])
      // Link B is a FIFO: had reply-a gone out there, it would precede this.
      await send('reply-b', ifindexB)
      await peerB.waitFor(isUdp('any', hex('reply-b')), fromB)
      assert.equal(peerB.events.slice(fromB).filter(isUdp('any', hex('reply-a'))).length, 0)
      assert.equal(peerA.events.slice(fromA).filter(isUdp('any', hex('reply-b'))).length, 0)
    })
  })

  test('a unicast with hwaddr to a client without an address installs the neighbour entry and reaches its MAC', async () => {
    await withTransport(['sa'], async () => {
      const capture = await startCapture(lab.peerA, 'pa', 68)
      try {
        await server.request({
          op: 'transportSend',
          data: hex('offer'),
          target: {address: '198.18.1.50', port: 68, ifindex: ifindexA, hwaddr: lab.peerAMac.replaceAll(':', '')},
        })
        const frame = await capture.frame()
        assert.deepEqual(frame, {ethDst: lab.peerAMac, ipDst: '198.18.1.50', payload: hex('offer')})
      } finally {
        capture.stop()
      }
      const neighbour = ip('-n', lab.server, 'neigh', 'show', '198.18.1.50', 'dev', 'sa')
      assert.match(neighbour, new RegExp(`^198\\.18\\.1\\.50 lladdr ${lab.peerAMac} `))
    })
  })

  test('a unicast without ifindex follows the routing table, even to a link that is not served', async () => {
    await withTransport(['sa'], async () => {
      const from = peerB.events.length
      await server.request({op: 'transportSend', data: hex('to-relay'), target: {address: '198.18.2.2', port: 67}})
      const received = await peerB.waitFor(isUdp('relay', hex('to-relay')), from)
      assert.deepEqual([received.srcAddress, received.srcPort], ['198.18.2.1', 67])
    })
  })

  test('send failures are thrown with their errno or transport error code', async () => {
    await withTransport(['sa'], async () => {
      const send = (target: {address: string; port: number; ifindex?: number}) =>
        server.request({op: 'transportSend', data: hex('x'), target})
      // The server namespace has no route beyond its two /24 links.
      await assert.rejects(send({address: '198.19.255.1', port: 67}), (error: AgentError) => {
        assert.equal(error.code, 'ENETUNREACH')
        assert.match(error.message, /sendmsg ENETUNREACH 198\.19\.255\.1:67/)
        return true
      })
      await assert.rejects(send({address: '255.255.255.255', port: 68, ifindex: ifindexB}), {
        code: 'ERR_DHCP_INTERFACE_NOT_SERVED',
      })
      await assert.rejects(send({address: '255.255.255.255', port: 68}), {code: 'ERR_DHCP_TARGET_UNSUPPORTED'})
    })
  })

  test('starting on an interface that does not exist fails with ENODEV', async () => {
    await assert.rejects(server.request({op: 'startInterfaceTransport', interfaces: ['sa', 'nope0'], port: 67}), {
      code: 'ENODEV',
    })
    // The socket already opened on sa was closed: a new transport can start.
    await withTransport(['sa'], async () => {})
  })
})
