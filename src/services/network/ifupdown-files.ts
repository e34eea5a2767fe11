// ifupdown reads /etc/network/interfaces, which on Debian sources
// /etc/network/interfaces.d/*. srvctl writes each interface into its own file
// there and takes the interface's old `inet` stanza out of the main file:
// ifupdown runs every stanza of an interface, so a left-over `inet dhcp`
// would start a DHCP client next to the new static address.

export const IFUPDOWN_MAIN = '/etc/network/interfaces'
export const IFUPDOWN_DIR = '/etc/network/interfaces.d'

const STANZA_START = /^\s*(iface|mapping|auto|allow-[\w-]+|source|source-directory|no-auto-down|no-scripts|rename)\b/
const SOURCES_DIR = /^\s*(source\s+(\/etc\/network\/)?interfaces\.d\/\*|source-directory\s+(\/etc\/network\/)?interfaces\.d\/?)\s*$/

const DEFAULT_MAIN = `# interfaces(5) file used by ifup(8) and ifdown(8)
source ${IFUPDOWN_DIR}/*

auto lo
iface lo inet loopback
`

/** source-directory skips names with dots, so eth0.100 is stored as eth0_100. */
export function ifupdownFile(iface: string): string {
  return `${IFUPDOWN_DIR}/${iface.replaceAll('.', '_')}`
}

/**
 * The main interfaces file without the IPv4 stanzas of `names` and without
 * their `auto`/`allow-*` marks, with the interfaces.d directory sourced.
 * Everything else (comments, lo, other interfaces, inet6) stays as it is.
 */
export function mainFileWithout(current: string | undefined, names: string[]): string {
  if (current === undefined) return DEFAULT_MAIN
  const drop = new Set(names)
  const out: string[] = []
  let skipping = false
  let dropped = false
  for (const line of current.split('\n')) {
    if (STANZA_START.test(line)) {
      const words = line.trim().split(/\s+/)
      skipping = words[0] === 'iface' && drop.has(words[1]) && words[2] === 'inet'
      dropped ||= skipping
      if (skipping) continue
      if (words[0] === 'auto' || words[0].startsWith('allow-')) {
        const kept = words.slice(1).filter((w) => !drop.has(w))
        dropped ||= kept.length !== words.length - 1
        if (kept.length === 0) continue
        if (kept.length !== words.length - 1) {
          out.push(`${line.slice(0, line.length - line.trimStart().length)}${words[0]} ${kept.join(' ')}`)
          continue
        }
      }
      out.push(line)
      continue
    }
    // Option lines belong to the stanza above them; comments and blank lines are kept.
    if (skipping && line.trim() !== '' && !line.trimStart().startsWith('#')) continue
    out.push(line)
  }
  // Where stanzas were taken out, the blank lines around them would pile up.
  let text = dropped ? out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n+$/, '\n') : out.join('\n')
  if (!out.some((line) => SOURCES_DIR.test(line))) {
    text = `${text.replace(/\n*$/, '\n')}\nsource ${IFUPDOWN_DIR}/*\n`
  }
  return text
}
