// Run inside the client namespace: acts as a relay agent on giaddr:67 and
// sends one DISCOVER every 10 ms until an OFFER answers it, then prints how
// long after `t0` (ms since the epoch, taken by the caller just before it
// started the server) that was. Used to time a server's (re)start.
//   node probe.mjs <giaddr> <server> <t0> <timeoutMs>
import {randomBytes} from 'node:crypto'
import {createSocket} from 'node:dgram'

const [giaddr, server, t0Text, timeoutText] = process.argv.slice(2)
const t0 = Number(t0Text)
const xid = randomBytes(4).readUInt32BE(0)
const mac = Buffer.from([0x02, 0x99, ...randomBytes(4)])

function discover() {
  const packet = Buffer.alloc(300)
  packet[0] = 1 // BOOTREQUEST
  packet[1] = 1 // Ethernet
  packet[2] = 6
  packet[3] = 1 // one relay hop
  packet.writeUInt32BE(xid, 4)
  Buffer.from(giaddr.split('.').map(Number)).copy(packet, 24)
  mac.copy(packet, 28)
  packet.writeUInt32BE(0x63825363, 236)
  const options = [53, 1, 1, 61, 7, 1, ...mac, 55, 3, 1, 3, 51, 255]
  Buffer.from(options).copy(packet, 240)
  return packet
}

const socket = createSocket({type: 'udp4', reuseAddr: true})
const request = discover()
let timer
socket.on('message', (data) => {
  if (data.length < 244 || data[0] !== 2 || data.readUInt32BE(4) !== xid) return
  clearInterval(timer)
  process.stdout.write(`${JSON.stringify({ms: Date.now() - t0})}\n`)
  socket.close()
})
socket.bind({address: giaddr, port: 67}, () => {
  const send = () => socket.send(request, 67, server)
  send()
  timer = setInterval(() => {
    if (Date.now() - t0 > Number(timeoutText)) {
      process.stdout.write(`${JSON.stringify({ms: null})}\n`)
      process.exit(2)
    }
    send()
  }, 10)
})
