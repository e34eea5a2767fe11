// A host name goes into /etc/hostname, /etc/hosts and the kernel (64 bytes
// per label set via sethostname): stricter than a DNS owner name, with no
// '_' or '*' and no trailing dot.
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

export function hostNameProblem(name: string): string | undefined {
  const shown = JSON.stringify(name).slice(1, -1)
  if (name.length === 0) return 'the host name is empty'
  if (name.length > 253) return `host name '${shown}' is longer than 253 characters`
  for (const label of name.split('.')) {
    if (!LABEL.test(label)) {
      return `host name '${shown}' may contain only letters, digits and '-' in dot-separated labels of 1-63 characters (e.g. srv1.example.test)`
    }
  }
  return undefined
}

/** srv1.example.test → srv1. */
export function shortHostName(name: string): string {
  return name.split('.')[0]
}
