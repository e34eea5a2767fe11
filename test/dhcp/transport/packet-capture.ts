// Captures the first IPv4/UDP frame to a port on an interface of a namespace,
// with a packet socket (python3), so a test sees what really went on the
// wire: the Ethernet destination included, even for an IP address nobody
// on the link has.
import {spawn} from 'node:child_process'
import {createInterface} from 'node:readline'

const CAPTURE = `
import json, socket, struct, sys
ifname, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
s.bind((ifname, 0))
print("ready", flush=True)
while True:
    frame, info = s.recvfrom(65535)
    if info[2] == socket.PACKET_OUTGOING:
        continue
    ip = frame[14:]
    if ip[9] != 17:
        continue
    udp = ip[(ip[0] & 15) * 4:]
    if struct.unpack("!H", udp[2:4])[0] != port:
        continue
    print(json.dumps({"ethDst": frame[0:6].hex(":"), "ipDst": socket.inet_ntoa(ip[16:20]),
                      "payload": udp[8:].hex()}), flush=True)
    break
`

export interface CapturedFrame {
  ethDst: string
  ipDst: string
  payload: string
}

export interface Capture {
  /** Resolves with the first matching frame; rejects after `timeoutMs`. */
  frame(timeoutMs?: number): Promise<CapturedFrame>
  stop(): void
}

/** Resolves once the capture socket is listening. */
export function startCapture(namespace: string, ifname: string, udpPort: number): Promise<Capture> {
  const child = spawn('ip', ['netns', 'exec', namespace, 'python3', '-c', CAPTURE, ifname, String(udpPort)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({input: child.stdout})[Symbol.asyncIterator]()
  const stop = (): void => {
    if (child.exitCode === null) child.kill()
  }
  const nextLine = async (): Promise<string> => {
    const {value, done} = await lines.next()
    if (done) throw new Error(`capture ended: ${stderr}`)
    return value as string
  }
  return nextLine().then((ready) => {
    if (ready !== 'ready') throw new Error(`capture failed to start: ${ready} ${stderr}`)
    return {
      stop,
      frame: (timeoutMs = 5000) => {
        let timer: NodeJS.Timeout | undefined
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no frame to port ${udpPort} on ${ifname}`)), timeoutMs)
        })
        return Promise.race([nextLine().then((line) => JSON.parse(line) as CapturedFrame), timeout]).finally(() => {
          clearTimeout(timer)
          stop()
        })
      },
    }
  })
}
