// Durations in the DHCP configuration are written the way operators think of
// them ("8d", "12h", "1h30m") or as plain seconds; everything downstream works
// in whole seconds.

const UNIT_SECONDS: Readonly<Record<string, number>> = {s: 1, m: 60, h: 3600, d: 86_400, w: 604_800}
const DURATION_PATTERN = /^(?:\d+[smhdw])+$|^\d+$/
const PART_PATTERN = /(\d+)([smhdw])/g

/** Seconds for `3600`, `"3600"`, `"30m"`, `"12h"`, `"8d"`, `"1w"` or a sum such as `"1h30m"`; undefined when the text is not a duration. */
export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input >= 0 ? input : undefined
  const text = input.trim().toLowerCase()
  if (!DURATION_PATTERN.test(text)) return undefined
  if (/^\d+$/.test(text)) return toSafe(Number(text))
  let total = 0
  for (const [, amount, unit] of text.matchAll(PART_PATTERN)) total += Number(amount) * UNIT_SECONDS[unit]
  return toSafe(total)
}

function toSafe(seconds: number): number | undefined {
  return Number.isSafeInteger(seconds) ? seconds : undefined
}

/** The shortest text parseDuration reads back as the same number of seconds (691200 → "8d"). */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s'
  let rest = seconds
  let text = ''
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_SECONDS[unit]
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`
      rest %= size
    }
  }
  return text
}
