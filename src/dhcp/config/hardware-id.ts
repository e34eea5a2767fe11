// Client identities as written by operators, normalised to the spelling the
// server derives from packets: MACs as lowercase colon-separated hex, client
// identifiers (option 61) as lowercase hex without separators.

const MAC_GROUPS = /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/
const MAC_CISCO = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/
const MAC_BARE = /^[0-9a-f]{12}$/

/** "08-00-27-AA-BB-CC", "0800.27aa.bbcc" or "080027aabbcc" → "08:00:27:aa:bb:cc"; undefined when not a 6-byte MAC. */
export function normalizeHwaddr(text: string): string | undefined {
  const lower = text.trim().toLowerCase()
  let hex: string
  if (MAC_GROUPS.test(lower)) hex = lower.replace(/[:-]/g, '')
  else if (MAC_CISCO.test(lower)) hex = lower.replace(/\./g, '')
  else if (MAC_BARE.test(lower)) hex = lower
  else return undefined
  return hex.match(/../g)!.join(':')
}

/** "01:08:00:27:aa:bb:cc" or "01-08-00-27-aa-bb-cc" → "01080027aabbcc"; undefined unless 2 to 255 hex bytes. */
export function normalizeClientId(text: string): string | undefined {
  const hex = text.trim().toLowerCase().replace(/[:\-. ]/g, '')
  if (!/^([0-9a-f]{2}){2,255}$/.test(hex)) return undefined
  return hex
}
