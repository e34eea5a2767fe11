// Runs inside a network namespace (spawned with `ip netns exec NS node ...`,
// since Node cannot setns) and drives transports and plain UDP sockets there
// on behalf of a test. Protocol: JSON lines; requests {id, op, ...} on stdin,
// replies {id, ok, result | error} and events {event, ...} on stdout.
import {createSocket, type Socket} from 'node:dgram'
import {createInterface} from 'node:readline'
import {createInterfaceTransport, loadNativeBinding, type InterfaceTransport} from '../../../src/dhcp/transport/index.js'

export type AgentRequest =
  | {op: 'startInterfaceTransport'; interfaces: string[]; port: number}
  | {op: 'transportSend'; data: string; target: {address: string; port: number; ifindex?: number; hwaddr?: string}}
  | {op: 'closeTransport'}
  | {op: 'ifindex'; name: string}
  /** A dgram socket (SO_REUSEADDR) whose datagrams are reported as 'udp' events tagged `tag`. */
  | {op: 'listen'; tag: string; address: string; port: number}
  | {op: 'udpSend'; tag: string; address: string; port: number; data: string}

export interface PacketEvent {
  event: 'packet'
  data: string
  meta: {ifindex: number; ifname: string; srcAddress: string; srcPort: number; dstAddress: string}
}

export interface UdpEvent {
  event: 'udp'
  tag: string
  data: string
  srcAddress: string
  srcPort: number
}

export type AgentEvent = PacketEvent | UdpEvent

let transport: InterfaceTransport | undefined
const listeners = new Map<string, Socket>()

function emit(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

async function handle(request: AgentRequest): Promise<unknown> {
  switch (request.op) {
    case 'startInterfaceTransport': {
      const started = createInterfaceTransport({interfaces: request.interfaces, port: request.port})
      await started.start((data, meta) => emit({event: 'packet', data: data.toString('hex'), meta}))
      transport = started
      return {interfaces: started.interfaces, port: started.port}
    }
    case 'transportSend': {
      if (!transport) throw new Error('no transport')
      const {hwaddr, ...target} = request.target
      transport.send(Buffer.from(request.data, 'hex'), hwaddr ? {...target, hwaddr: Buffer.from(hwaddr, 'hex')} : target)
      return null
    }
    case 'closeTransport':
      await transport?.close()
      transport = undefined
      return null
    case 'ifindex':
      return loadNativeBinding().ifNameToIndex(request.name)
    case 'listen': {
      const socket = createSocket({type: 'udp4', reuseAddr: true})
      socket.on('message', (data, remote) =>
        emit({event: 'udp', tag: request.tag, data: data.toString('hex'), srcAddress: remote.address, srcPort: remote.port}),
      )
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject)
        socket.bind({address: request.address, port: request.port}, resolve)
      })
      socket.setBroadcast(true)
      listeners.set(request.tag, socket)
      return null
    }
    case 'udpSend': {
      const socket = listeners.get(request.tag)
      if (!socket) throw new Error(`no listener ${request.tag}`)
      await new Promise<void>((resolve, reject) =>
        socket.send(Buffer.from(request.data, 'hex'), request.port, request.address, (error) =>
          error ? reject(error) : resolve(),
        ),
      )
      return null
    }
  }
}

const lines = createInterface({input: process.stdin})
lines.on('line', (line) => {
  const {id, ...request} = JSON.parse(line) as AgentRequest & {id: number}
  handle(request).then(
    (result) => emit({id, ok: true, result}),
    (error: Error & {code?: string}) => emit({id, ok: false, error: {name: error.name, code: error.code, message: error.message}}),
  )
})
lines.on('close', () => {
  void transport?.close()
  for (const socket of listeners.values()) socket.close()
})
