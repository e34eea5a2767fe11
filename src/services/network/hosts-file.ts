// /etc/hosts belongs to the admin; srvctl owns one line, marked so it can be
// found again when the name or the address changes. Debian's installer puts
// the host name on 127.0.1.1 (for machines without a fixed address); that line
// is replaced by ours, since it would name the old host.

const MARK = '# srvctl network'

function isOurs(line: string): boolean {
  return line.trimEnd().endsWith(MARK) || /^\s*127\.0\.1\.1\s/.test(line)
}

export function hostsLine(address: string, fqdn: string, short: string): string {
  const names = fqdn === short ? fqdn : `${fqdn} ${short}`
  return `${address}\t${names}\t${MARK}`
}

/** `current` with our line replaced (placed after the loopback lines when new). */
export function hostsWithLine(current: string | undefined, line: string): string {
  const lines = (current ?? '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n').split('\n')
  const index = lines.findIndex(isOurs)
  const kept = lines.filter((l) => !isOurs(l))
  const at = index >= 0 ? index : Math.max(kept.findIndex((l) => /^\s*127\.0\.0\.1\s/.test(l)) + 1, 0)
  kept.splice(at, 0, line)
  const text = kept.join('\n')
  return text.endsWith('\n') ? text : `${text}\n`
}
