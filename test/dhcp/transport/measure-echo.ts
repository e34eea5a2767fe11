// Measures how many datagrams per second a transport receives and echoes on
// loopback (not a test: run `node dist/test/dhcp/transport/measure-echo.js
// [native|interface|udp] [seconds]`; `interface` needs root). The echo
// server runs in a child process so client and server each get a core; the
// client keeps a fixed window of DHCP-sized datagrams in flight. Besides the
// rate it prints the server process's CPU time per echoed datagram, which
// depends far less on what else the machine is doing.
import {fork} from 'node:child_process'
import {once} from 'node:events'
import {fileURLToPath} from 'node:url'
import type {DhcpTransport} from '../../../src/dhcp/engine-types.js'
import {createInterfaceTransport, createUdpTransport, loadNativeBinding} from '../../../src/dhcp/transport/index.js'

type Kind = 'native' | 'interface' | 'udp'
const WINDOW = 256
const PAYLOAD = Buffer.alloc(300, 0x5a)

async function serve(kind: Kind): Promise<number> {
  if (kind === 'native') {
    const native = loadNativeBinding()
    const socket = new native.DhcpSocket({port: 0, address: '127.0.0.1', receiveBufferSize: 4 << 20}, (data, _ifindex, address, port) =>
      socket.send(data, address, port),
    )
    return socket.localPort
  }
  const transport: DhcpTransport & {port: number} =
    kind === 'interface'
      ? createInterfaceTransport({interfaces: ['lo'], port: 0, receiveBufferSize: 4 << 20})
      : createUdpTransport({address: '127.0.0.1', port: 0, receiveBufferSize: 4 << 20})
  await transport.start((data, meta) => transport.send(data, {address: meta.srcAddress, port: meta.srcPort}))
  return transport.port
}

interface Usage {
  user: number
  system: number
}

async function measure(port: number, seconds: number, serverUsage: () => Promise<Usage>): Promise<{rate: number; cpuMicros: number}> {
  const native = loadNativeBinding()
  let replies = 0
  let lastReplies = 0
  const client = new native.DhcpSocket({port: 0, address: '127.0.0.1', receiveBufferSize: 4 << 20}, () => {
    replies++
    client.send(PAYLOAD, '127.0.0.1', port)
  })
  const fill = (): void => {
    for (let i = 0; i < WINDOW; i++) client.send(PAYLOAD, '127.0.0.1', port)
  }
  fill()
  // Datagrams lost to a full queue shrink the window: top it up when stalled.
  const refill = setInterval(() => {
    if (replies === lastReplies) fill()
    lastReplies = replies
  }, 50)
  await new Promise((resolve) => setTimeout(resolve, 1000)) // warm-up
  const start = replies
  const usageBefore = await serverUsage()
  const started = process.hrtime.bigint()
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9
  const usageAfter = await serverUsage()
  const echoed = replies - start
  clearInterval(refill)
  client.close()
  const cpu = usageAfter.user + usageAfter.system - usageBefore.user - usageBefore.system
  return {rate: echoed / elapsed, cpuMicros: cpu / echoed}
}

const [mode = 'native', arg = '5'] = process.argv.slice(2)
if (mode === 'serve') {
  const port = await serve(arg as Kind)
  process.on('message', () => process.send?.(process.cpuUsage()))
  process.send?.({port})
} else {
  const child = fork(fileURLToPath(import.meta.url), ['serve', mode])
  const [{port}] = (await once(child, 'message')) as [{port: number}]
  const serverUsage = async (): Promise<Usage> => {
    const reply = once(child, 'message') as Promise<[Usage]>
    child.send('usage')
    return (await reply)[0]
  }
  const {rate, cpuMicros} = await measure(port, Number(arg), serverUsage)
  child.kill()
  console.log(
    `${mode}: ${Math.round(rate)} datagrams/s received and echoed (${WINDOW} in flight, ${PAYLOAD.length} bytes); ` +
      `server CPU ${cpuMicros.toFixed(1)} µs per datagram (≈ ${Math.round(1e6 / cpuMicros)}/s per core)`,
  )
}
