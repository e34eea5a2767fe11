import {Opt} from '../codec/packet-constants.js'
import type {Subnet} from '../config/subnet.js'

// TEMPORARY until the codec's parseOptionText lands: addresses and text only.
export function encodeScopeOptions(options: Readonly<Record<string, string>>, subnet: Subnet): Map<number, Buffer> {
  const encoded = new Map<number, Buffer>()
  encoded.set(Opt.subnetMask, uint32(subnet.mask))
  const codes: Record<string, number> = {router: 3, 'domain-name-server': 6, 'domain-name': 15}
  for (const [name, text] of Object.entries(options)) {
    const code = codes[name] ?? Number(name)
    if (code === 15) encoded.set(code, Buffer.from(text))
    else encoded.set(code, Buffer.concat(text.split(',').map((part) => uint32(part.trim().split('.').reduce((a, b) => a * 256 + Number(b), 0)))))
  }
  return encoded
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeUInt32BE(value)
  return buffer
}
