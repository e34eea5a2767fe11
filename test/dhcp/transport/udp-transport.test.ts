import assert from 'node:assert/strict'
import {createSocket, type Socket} from 'node:dgram'
import {once} from 'node:events'
import {describe, test} from 'node:test'
import type {PacketMeta} from '../../../src/dhcp/engine-types.js'
import {createUdpTransport, DhcpTransportError} from '../../../src/dhcp/transport/index.js'

async function boundSocket(reuseAddr = true, port = 0): Promise<Socket> {
  const socket = createSocket({type: 'udp4', reuseAddr})
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, '127.0.0.1', resolve)
  })
  return socket
}

for (const socket of ['dgram', 'native'] as const) {
  describe(`UDP transport (relay-only) on ${socket}`, () => {
    test('receives on the chosen loopback port with source, destination and no interface', async () => {
      const transport = createUdpTransport({address: '127.0.0.1', port: 0, socket})
      const received: Array<{data: Buffer; meta: PacketMeta}> = []
      let arrive: () => void
      const arrived = new Promise<void>((resolve) => (arrive = resolve))
      await transport.start((data, meta) => {
        received.push({data, meta})
        arrive()
      })
      const relay = await boundSocket()
      try {
        relay.send(Buffer.from('discover'), transport.port, '127.0.0.1')
        await arrived
        assert.deepEqual(received, [
          {
            data: Buffer.from('discover'),
            meta: {ifindex: 0, ifname: '', srcAddress: '127.0.0.1', srcPort: relay.address().port, dstAddress: '127.0.0.1'},
          },
        ])
      } finally {
        relay.close()
        await transport.close()
      }
    })

    test('answers a giaddr:port target from the server port', async () => {
      const transport = createUdpTransport({address: '127.0.0.1', port: 0, socket})
      await transport.start(() => {})
      const relay = await boundSocket()
      try {
        const reply = once(relay, 'message') as Promise<[Buffer, {address: string; port: number}]>
        transport.send(Buffer.from('offer'), {address: '127.0.0.1', port: relay.address().port})
        const [data, remote] = await reply
        assert.equal(data.toString(), 'offer')
        assert.deepEqual([remote.address, remote.port], ['127.0.0.1', transport.port])
      } finally {
        relay.close()
        await transport.close()
      }
    })

    test('refuses targets that need an interface: broadcast, hwaddr, ifindex', async () => {
      const transport = createUdpTransport({address: '127.0.0.1', port: 0, socket})
      await transport.start(() => {})
      try {
        for (const target of [
          {address: '255.255.255.255', port: 68},
          {address: '127.0.0.1', port: 68, hwaddr: Buffer.alloc(6)},
          {address: '127.0.0.1', port: 68, ifindex: 3},
        ]) {
          assert.throws(() => transport.send(Buffer.from('x'), target), (error: DhcpTransportError) => {
            assert.ok(error instanceof DhcpTransportError)
            assert.equal(error.code, 'ERR_DHCP_TARGET_UNSUPPORTED')
            return true
          })
        }
      } finally {
        await transport.close()
      }
    })

    test('start rejects with EADDRINUSE when the port is held by a socket without SO_REUSEADDR', async () => {
      const holder = await boundSocket(false)
      const transport = createUdpTransport({address: '127.0.0.1', port: holder.address().port, socket})
      try {
        await assert.rejects(transport.start(() => {}), {code: 'EADDRINUSE'})
        assert.throws(() => transport.send(Buffer.from('x'), {address: '127.0.0.1', port: 9}), {
          code: 'ERR_DHCP_TRANSPORT_NOT_STARTED',
        })
      } finally {
        holder.close()
        await transport.close()
      }
    })

    test('a failed send is reported to onSendError instead of crashing', async () => {
      let report: (error: Error) => void
      const reported = new Promise<Error>((resolve) => (report = resolve))
      const transport = createUdpTransport({address: '127.0.0.1', port: 0, socket, onSendError: (error) => report(error)})
      await transport.start(() => {})
      try {
        // From a loopback-bound socket, an address off the host is refused locally.
        transport.send(Buffer.from('x'), {address: '198.18.255.254', port: 67})
        assert.equal(((await reported) as NodeJS.ErrnoException).code, 'EINVAL')
      } finally {
        await transport.close()
      }
    })
  })
}

test("the native transport's rehearsal is of its own class and sends nothing", async () => {
  const transport = createUdpTransport({address: '127.0.0.1', port: 0})
  const rehearsal = transport.rehearsal?.()
  assert.ok(rehearsal !== undefined)
  assert.equal(rehearsal.constructor, transport.constructor)
  const rx = createSocket('udp4')
  const got: string[] = []
  rx.on('message', (data) => got.push(data.toString()))
  await new Promise<void>((resolve) => rx.bind(0, '127.0.0.1', resolve))
  const port = rx.address().port
  const real = createUdpTransport({address: '127.0.0.1', port: 0})
  try {
    await rehearsal.start(() => undefined)
    await real.start(() => undefined)
    rehearsal.send(Buffer.from('rehearsed'), {address: '127.0.0.1', port})
    // Loopback keeps order: had the rehearsal sent its datagram, it would arrive first.
    real.send(Buffer.from('sent'), {address: '127.0.0.1', port})
    while (got.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    assert.deepEqual(got, ['sent'])
  } finally {
    await rehearsal.close()
    await real.close()
    rx.close()
  }
})

test('the relay-only transport prefers the native addon when it is built and dgram when asked', () => {
  assert.equal(createUdpTransport({address: '127.0.0.1', port: 0}).constructor.name, 'NativeUdpTransport')
  assert.equal(createUdpTransport({address: '127.0.0.1', port: 0, socket: 'dgram'}).constructor.name, 'DgramTransport')
})
