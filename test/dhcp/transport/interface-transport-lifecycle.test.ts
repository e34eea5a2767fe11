import assert from 'node:assert/strict'
import {createSocket} from 'node:dgram'
import {once} from 'node:events'
import {describe, test} from 'node:test'
import type {PacketMeta} from '../../../src/dhcp/engine-types.js'
import {createInterfaceTransport, loadNativeBinding} from '../../../src/dhcp/transport/index.js'

const root = process.getuid?.() === 0

describe('interface transport lifecycle on loopback', {skip: !root && 'SO_BINDTODEVICE needs root'}, () => {
  test('refuses to be created without interfaces', () => {
    assert.throws(() => createInterfaceTransport({interfaces: []}), TypeError)
  })

  test('send before start and after close throws ERR_DHCP_TRANSPORT_NOT_STARTED', async () => {
    const transport = createInterfaceTransport({interfaces: ['lo'], port: 0})
    const target = {address: '127.0.0.1', port: 9}
    assert.throws(() => transport.send(Buffer.from('x'), target), {code: 'ERR_DHCP_TRANSPORT_NOT_STARTED'})
    await transport.start(() => {})
    await transport.close()
    assert.throws(() => transport.send(Buffer.from('x'), target), {code: 'ERR_DHCP_TRANSPORT_NOT_STARTED'})
  })

  test('a second start rejects with ERR_DHCP_TRANSPORT_STARTED', async () => {
    const transport = createInterfaceTransport({interfaces: ['lo'], port: 0})
    await transport.start(() => {})
    try {
      await assert.rejects(transport.start(() => {}), {code: 'ERR_DHCP_TRANSPORT_STARTED'})
    } finally {
      await transport.close()
    }
  })

  test('port 0 binds a free port, reported with the served interfaces and the default client port', async () => {
    const transport = createInterfaceTransport({interfaces: ['lo'], port: 0})
    await transport.start(() => {})
    try {
      assert.ok(transport.port > 0)
      assert.equal(transport.clientPort, 68)
      assert.deepEqual(transport.interfaces, [{name: 'lo', ifindex: loadNativeBinding().ifNameToIndex('lo')}])
    } finally {
      await transport.close()
    }
  })

  test('receives on lo with its ifindex and name, and answers through it', async () => {
    const transport = createInterfaceTransport({interfaces: ['lo'], port: 0})
    let deliver: (meta: PacketMeta) => void
    const delivered = new Promise<PacketMeta>((resolve) => (deliver = resolve))
    await transport.start((data, meta) => {
      deliver(meta)
      transport.send(data, {address: meta.srcAddress, port: meta.srcPort, ifindex: meta.ifindex})
    })
    const client = createSocket('udp4')
    try {
      await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve))
      const echoed = once(client, 'message') as Promise<[Buffer]>
      client.send(Buffer.from('ping'), transport.port, '127.0.0.1')
      const meta = await delivered
      assert.deepEqual(meta, {
        ifindex: loadNativeBinding().ifNameToIndex('lo'),
        ifname: 'lo',
        srcAddress: '127.0.0.1',
        srcPort: client.address().port,
        dstAddress: '127.0.0.1',
      })
      assert.equal((await echoed)[0].toString(), 'ping')
      assert.equal(transport.stats().received, 1)
    } finally {
      client.close()
      await transport.close()
    }
  })
})
