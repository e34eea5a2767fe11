import {spawnSync} from 'node:child_process'

// Runs tshark over a capture and returns, per packet, the flat list of
// fields of its PDML dissection (tshark -T pdml writes one element per line).
// Field names use the current 'dhcp' prefix whatever the tshark version.

export interface PdmlField {
  /** Field or protocol name, e.g. 'dhcp.option.router' or '_ws.malformed'. */
  name: string
  show: string
  showname: string
  /** Hex of the bytes the field covers. */
  value: string
}

export function tsharkAvailable(): boolean {
  const result = spawnSync('tshark', ['-v'], {encoding: 'utf8'})
  return result.status === 0
}

export function dissect(pcapPath: string): PdmlField[][] {
  const result = spawnSync('tshark', ['-r', pcapPath, '-T', 'pdml'], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
  if (result.status !== 0) throw new Error(`tshark failed (${result.status}): ${result.stderr}`)
  const packets: PdmlField[][] = []
  let current: PdmlField[] | undefined
  for (const line of result.stdout.split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '<packet>') {
      current = []
      packets.push(current)
    } else if (trimmed === '</packet>') {
      current = undefined
    } else if (current && (trimmed.startsWith('<field ') || trimmed.startsWith('<proto '))) {
      const attributes = new Map<string, string>()
      for (const [, key, raw] of trimmed.matchAll(/(\w+)="([^"]*)"/g)) attributes.set(key, unescapeXml(raw))
      current.push({
        name: normalizeName(attributes.get('name') ?? ''),
        show: attributes.get('show') ?? '',
        showname: attributes.get('showname') ?? '',
        value: attributes.get('value') ?? '',
      })
    }
  }
  return packets
}

/** tshark before 3.0 called the protocol bootp; field names otherwise match. */
function normalizeName(name: string): string {
  if (name === 'bootp') return 'dhcp'
  return name.startsWith('bootp.') ? `dhcp.${name.slice(6)}` : name
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|quot|apos|lt|gt|amp);/gi, (_, entity: string) => {
    switch (entity.toLowerCase()) {
      case 'quot':
        return '"'
      case 'apos':
        return "'"
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      case 'amp':
        return '&'
      default:
        return String.fromCodePoint(
          entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10),
        )
    }
  })
}
