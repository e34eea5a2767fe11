/** The regular (non-system) id range of a machine, from its /etc/login.defs. */
export interface IdRange {
  min: number
  max: number
}

export interface AccountRanges {
  uid: IdRange
  gid: IdRange
}

// shadow-utils' built-in defaults when login.defs does not say.
const DEFAULTS = {UID_MIN: 1000, UID_MAX: 60000, GID_MIN: 1000, GID_MAX: 60000}

/** Keys and values of login.defs ("KEY VALUE" lines, # comments). */
export function parseLoginDefs(text: string): Map<string, string> {
  const values = new Map<string, string>()
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)\s+(\S+)/.exec(line)
    if (match) values.set(match[1], match[2])
  }
  return values
}

/**
 * UID_MIN..UID_MAX and GID_MIN..GID_MAX; missing or unreadable values fall
 * back to 1000..60000. Throws a one-line message when the file contradicts itself.
 */
export function accountRanges(text: string | undefined, label: string): AccountRanges {
  const values = parseLoginDefs(text ?? '')
  const number = (key: keyof typeof DEFAULTS): number => {
    const raw = values.get(key)
    if (raw === undefined) return DEFAULTS[key]
    if (!/^\d{1,10}$/.test(raw)) throw new Error(`${label}: ${key} '${raw}' is not a number`)
    return Number(raw)
  }
  const ranges = {uid: {min: number('UID_MIN'), max: number('UID_MAX')}, gid: {min: number('GID_MIN'), max: number('GID_MAX')}}
  if (ranges.uid.min > ranges.uid.max) throw new Error(`${label}: UID_MIN ${ranges.uid.min} is above UID_MAX ${ranges.uid.max}`)
  if (ranges.gid.min > ranges.gid.max) throw new Error(`${label}: GID_MIN ${ranges.gid.min} is above GID_MAX ${ranges.gid.max}`)
  return ranges
}

export function inRange(id: number, range: IdRange): boolean {
  return id >= range.min && id <= range.max
}
