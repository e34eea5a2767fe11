import {createHash} from 'node:crypto'

export const NM_CONNECTIONS_DIR = '/etc/NetworkManager/system-connections'

export function nmKeyfile(iface: string): string {
  return `${NM_CONNECTIONS_DIR}/${iface}.nmconnection`
}

/** A stable UUID per interface name (name-based, version 5 layout), so the plan is the same on every run. */
export function connectionUuid(iface: string): string {
  const hex = createHash('sha1').update(`srvctl-network:${iface}`).digest('hex').slice(0, 32).split('')
  hex[12] = '5'
  hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  const h = hex.join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const UUID_LINE = /^uuid=([0-9a-fA-F-]{36})$/m

/**
 * Keeps the UUID of the profile already in the file (the installer's, say):
 * NetworkManager then sees the same connection updated, not a new one.
 */
export function keepExistingUuid(rendered: string, current: string | undefined): string {
  const existing = current ? UUID_LINE.exec(current)?.[1] : undefined
  return existing ? rendered.replace(UUID_LINE, `uuid=${existing.toLowerCase()}`) : rendered
}
