// A zone's serial must grow whenever its content changes (secondaries and
// caches compare it) and stay put when nothing changed, so that a second run
// writes nothing. The date form YYYYMMDDnn is what admins expect to read.

export const SERIAL_TOKEN = '@@SERIAL@@'
const SERIAL_LINE = /^\s*(\d{1,10})\s*; serial$/m

export function currentSerial(zoneText: string | undefined): number | undefined {
  const match = zoneText ? SERIAL_LINE.exec(zoneText) : null
  return match ? Number(match[1]) : undefined
}

export function dateSerial(now: Date): number {
  return Number(`${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}${String(now.getUTCDate()).padStart(2, '0')}01`)
}

/** Fills the serial into a rendered zone, given the zone file on disk now. */
export function withSerial(rendered: string, current: string | undefined, now = new Date()): string {
  const previous = currentSerial(current)
  if (previous !== undefined && rendered.replace(SERIAL_TOKEN, String(previous)) === current) return current as string
  const next = Math.max((previous ?? 0) + 1, dateSerial(now)) % 4_294_967_296
  return rendered.replace(SERIAL_TOKEN, String(next))
}
