import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {createSocket} from 'node:dgram'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'
import {describe, test} from 'node:test'
import {
  addonPath,
  loadNativeBinding,
  NativeAddonMissingError,
  type NativeSocket,
  type NativeSystemError,
} from '../../../src/dhcp/transport/index.js'

const native = loadNativeBinding()

interface Received {
  data: Buffer
  ifindex: number
  srcAddress: string
  srcPort: number
  dstAddress: string
}

/** A receiving socket on loopback that collects what it gets. */
function receiver(options: {receiveBufferSize?: number} = {}): {socket: NativeSocket; got: Received[]; next(count?: number): Promise<Received[]>} {
  const got: Received[] = []
  let wake: (() => void) | undefined
  const socket = new native.DhcpSocket({port: 0, address: '127.0.0.1', ...options}, (data, ifindex, srcAddress, srcPort, dstAddress) => {
    got.push({data, ifindex, srcAddress, srcPort, dstAddress})
    wake?.()
  })
  const next = (count = 1): Promise<Received[]> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${got.length} of ${count} datagrams arrived`)), 5000)
      wake = () => {
        if (got.length < count) return
        clearTimeout(timer)
        resolve(got)
      }
      wake()
    })
  return {socket, got, next}
}

const openDescriptors = (): number => readdirSync('/proc/self/fd').length

describe('native DHCP socket addon on loopback', () => {
  test('resolves interface names and indexes both ways and reports unknown ones with errno codes', () => {
    const lo = native.ifNameToIndex('lo')
    assert.ok(lo > 0)
    assert.equal(native.ifIndexToName(lo), 'lo')
    assert.throws(() => native.ifNameToIndex('nope0'), {code: 'ENODEV', syscall: 'if_nametoindex'})
    assert.throws(() => native.ifNameToIndex('a-name-too-long-for-linux'), {code: 'ENODEV'})
    assert.throws(() => native.ifIndexToName(0x7ffffff0), {code: 'ENXIO', syscall: 'if_indextoname'})
  })

  test('delivers each datagram with ifindex, source, source port and destination address', async () => {
    const rx = receiver()
    const tx = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    try {
      tx.send(Buffer.from('hello'), '127.0.0.1', rx.socket.localPort)
      const [packet] = await rx.next()
      assert.deepEqual(packet, {
        data: Buffer.from('hello'),
        ifindex: native.ifNameToIndex('lo'),
        srcAddress: '127.0.0.1',
        srcPort: tx.localPort,
        dstAddress: '127.0.0.1',
      })
    } finally {
      rx.socket.close()
      tx.close()
    }
  })

  test('delivers a burst larger than one receive batch completely, in order, each in a Buffer of its own', async () => {
    const rx = receiver({receiveBufferSize: 1 << 20})
    const tx = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    try {
      // Sent before the loop can run, so they queue up and are read in batches.
      for (let i = 0; i < 100; i++) tx.send(Buffer.from(`packet ${i}`), '127.0.0.1', rx.socket.localPort)
      const got = await rx.next(100)
      // Kept Buffers still hold their own datagram after the receive slots were reused.
      assert.deepEqual(
        got.map(({data}) => data.toString()),
        Array.from({length: 100}, (_, i) => `packet ${i}`),
      )
      assert.equal(rx.socket.stats().received, 100)
    } finally {
      rx.socket.close()
      tx.close()
    }
  })

  test('drops a datagram too large for a receive slot and counts it as truncated', async () => {
    const rx = receiver()
    const tx = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    try {
      tx.send(Buffer.alloc(3000, 1), '127.0.0.1', rx.socket.localPort)
      tx.send(Buffer.from('small'), '127.0.0.1', rx.socket.localPort)
      const [first] = await rx.next()
      assert.equal(first.data.toString(), 'small')
      assert.equal(rx.socket.stats().truncated, 1)
    } finally {
      rx.socket.close()
      tx.close()
    }
  })

  test('datagrams dropped because the receive queue was full are counted in kernelDrops', async () => {
    const rx = receiver({receiveBufferSize: 1})
    const tx = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    try {
      // The smallest receive buffer holds a few datagrams; the rest of the burst is dropped.
      for (let i = 0; i < 50; i++) tx.send(Buffer.from(`burst ${i}`), '127.0.0.1', rx.socket.localPort)
      await rx.next()
      await new Promise((resolve) => setImmediate(resolve))
      // The kernel reports its drop count with the next datagram queued.
      tx.send(Buffer.from('after'), '127.0.0.1', rx.socket.localPort)
      const got = await rx.next(rx.got.length + 1)
      assert.equal(got.at(-1)?.data.toString(), 'after')
      const {received, kernelDrops} = rx.socket.stats()
      assert.ok(kernelDrops > 0)
      assert.equal(received + kernelDrops, 51)
    } finally {
      rx.socket.close()
      tx.close()
    }
  })

  test('a socket without a message callback has everything sent to it dropped by the kernel', async () => {
    const sendOnly = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    const tx = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    try {
      tx.send(Buffer.from('ignored'), '127.0.0.1', sendOnly.localPort)
      const local = `0100007F:${sendOnly.localPort.toString(16).toUpperCase().padStart(4, '0')}`
      // /proc/net/udp columns: ... tx_queue:rx_queue ... drops (last).
      let fields: string[] = []
      for (let attempt = 0; attempt < 100; attempt++) {
        const line = readFileSync('/proc/net/udp', 'utf8').split('\n').find((l) => l.trim().split(/\s+/)[1] === local)
        fields = line?.trim().split(/\s+/) ?? []
        if (fields.at(-1) !== '0') break
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      assert.equal(fields.at(-1), '1', 'one datagram dropped')
      assert.equal(fields[4], '00000000:00000000', 'nothing queued')
    } finally {
      sendOnly.close()
      tx.close()
    }
  })

  test('a discard socket checks what it is given to send and sends nothing', async () => {
    const rx = receiver()
    const discard = new native.DhcpSocket({port: 0, address: '127.0.0.1', discard: true})
    const tx = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    try {
      discard.send(Buffer.from('discarded'), '127.0.0.1', rx.socket.localPort)
      assert.throws(() => discard.send('not a buffer' as unknown as Buffer, '127.0.0.1', rx.socket.localPort), TypeError)
      // Loopback keeps order: had the first datagram been sent, it would arrive before this one.
      tx.send(Buffer.from('sent'), '127.0.0.1', rx.socket.localPort)
      const [first] = await rx.next(1)
      assert.equal(first.data.toString(), 'sent')
      assert.throws(() => new native.DhcpSocket({port: 0, address: '127.0.0.1', discard: 'yes' as unknown as boolean}), TypeError)
    } finally {
      rx.socket.close()
      discard.close()
      tx.close()
    }
  })

  test('closing from inside the message callback stops delivery of the rest of the batch', async () => {
    let calls = 0
    const rx: NativeSocket = new native.DhcpSocket({port: 0, address: '127.0.0.1'}, () => {
      calls++
      rx.close()
    })
    const tx = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    for (let i = 0; i < 5; i++) tx.send(Buffer.from('x'), '127.0.0.1', rx.localPort)
    tx.close()
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.equal(calls, 1)
  })

  test('a receiving socket stays open when no JavaScript reference to it is left', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    let resolveArrival: (data: string) => void
    const arrival = new Promise<string>((resolve) => (resolveArrival = resolve))
    const port = ((): number => {
      const unreferenced = new native.DhcpSocket({port: 0, address: '127.0.0.1'}, function (this: NativeSocket, data) {
        resolveArrival(data.toString())
        this.close()
      })
      return unreferenced.localPort
    })()
    gc()
    await new Promise((resolve) => setImmediate(resolve))
    gc()
    const tx = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    tx.send(Buffer.from('still here'), '127.0.0.1', port)
    tx.close()
    assert.equal(await arrival, 'still here')
  })

  test('repeated open and close leaks no file descriptor and frees the port at once', () => {
    const port = (() => {
      const probe = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
      const chosen = probe.localPort
      probe.close()
      return chosen
    })()
    const before = openDescriptors()
    for (let i = 0; i < 500; i++) {
      const socket = new native.DhcpSocket({port, address: '127.0.0.1'}, () => {})
      socket.close()
      socket.close() // idempotent
    }
    assert.equal(openDescriptors(), before)
  })

  test('a socket closed and released lets a plain socket without SO_REUSEADDR bind its port', async () => {
    const socket = new native.DhcpSocket({port: 0, address: '127.0.0.1'}, () => {})
    const port = socket.localPort
    socket.close()
    const plain = createSocket('udp4')
    await new Promise<void>((resolve, reject) => {
      plain.once('error', reject)
      plain.bind(port, '127.0.0.1', resolve)
    })
    plain.close()
  })

  test('system call failures are thrown as errors with errno name, negative errno and syscall', () => {
    assert.throws(
      () => new native.DhcpSocket({port: 0, address: '198.18.255.254'}),
      (error: NativeSystemError) => {
        assert.equal(error.code, 'EADDRNOTAVAIL')
        assert.equal(error.errno, -99)
        assert.equal(error.syscall, 'bind')
        assert.match(error.message, /^bind EADDRNOTAVAIL 198\.18\.255\.254:0: /)
        return true
      },
    )
    assert.throws(() => new native.DhcpSocket({port: 0, device: 'nope0'}), {code: 'ENODEV', syscall: 'setsockopt(SO_BINDTODEVICE)'})
    const closed = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    closed.close()
    assert.throws(() => closed.send(Buffer.from('x'), '127.0.0.1', 9), {code: 'EBADF', syscall: 'sendmsg'})
  })

  test('invalid arguments are rejected with TypeError or RangeError before any system call', () => {
    const socket = new native.DhcpSocket({port: 0, address: '127.0.0.1'})
    try {
      assert.throws(() => socket.send(Buffer.from('x'), 'not-an-address', 67), TypeError)
      assert.throws(() => socket.send(Buffer.from('x'), '127.0.0.1', 70000), RangeError)
      assert.throws(() => socket.send('x' as unknown as Buffer, '127.0.0.1', 67), TypeError)
      assert.throws(() => socket.send(Buffer.from('x'), '127.0.0.1', 67, 0, Buffer.alloc(6)), {code: 'ERR_INVALID_ARG_VALUE'})
      assert.throws(() => new native.DhcpSocket({port: -1}), RangeError)
      assert.throws(() => new native.DhcpSocket({port: 0}, 'callback' as never), TypeError)
    } finally {
      socket.close()
    }
  })

  test('an exception thrown by the message callback reaches uncaughtException and the process keeps running', () => {
    const script = `
      const {DhcpSocket} = require(${JSON.stringify(addonPath)})
      process.on('uncaughtException', (error) => { console.log('caught ' + error.message); socket.close() })
      const socket = new DhcpSocket({port: 0, address: '127.0.0.1'}, () => { throw new Error('boom') })
      socket.send(Buffer.from('x'), '127.0.0.1', socket.localPort)
      setTimeout(() => console.log('alive'), 50)
    `
    const child = spawnSync(process.execPath, ['-e', script], {encoding: 'utf8', timeout: 10_000})
    assert.equal(child.status, 0, child.stderr)
    assert.equal(child.stdout, 'caught boom\nalive\n')
  })
})

describe('loading the addon', () => {
  test('a missing addon is reported with the command that builds it', () => {
    assert.throws(
      () => loadNativeBinding('/nonexistent/dhcp_socket.node'),
      (error: NativeAddonMissingError) => {
        assert.ok(error instanceof NativeAddonMissingError)
        assert.equal(error.code, 'ERR_DHCP_NATIVE_ADDON_MISSING')
        assert.match(error.message, /not built .*build-essential python3.*npm run build:native/)
        return true
      },
    )
  })

  test('an addon that cannot be loaded is reported with the command that rebuilds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dhcp-addon-'))
    try {
      const broken = join(dir, 'dhcp_socket.node')
      writeFileSync(broken, 'not a shared object')
      assert.throws(() => loadNativeBinding(broken), /cannot be loaded .*npm run build:native/)
    } finally {
      rmSync(dir, {recursive: true})
    }
  })

  test('the install script does not fail the installation when the build cannot run, and says how to fix it', () => {
    const script = join(addonPath, '..', '..', '..', 'native', 'install.mjs')
    const run = spawnSync(process.execPath, [script], {encoding: 'utf8', env: {PATH: '/nonexistent'}, timeout: 10_000})
    assert.equal(run.status, 0)
    assert.match(run.stderr, /addons were NOT built: node-gyp could not be started/)
    assert.match(run.stderr, /apt-get install build-essential python3[\s\S]*npm run build:native/)
  })
})
