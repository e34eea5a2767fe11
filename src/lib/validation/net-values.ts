import ipaddr from 'ipaddr.js'

// Validators for values that end up inside config files. Each returns an
// error message (what is wrong and what is expected) or undefined.

export function ipv4Problem(value: string): string | undefined {
  return ipaddr.IPv4.isValidFourPartDecimal(value) ? undefined : `'${value}' is not an IPv4 address (expected a.b.c.d)`
}

export function ipv6Problem(value: string): string | undefined {
  return ipaddr.IPv6.isValid(value) && !value.includes('%') ? undefined : `'${value}' is not an IPv6 address`
}

export function cidr4Problem(value: string): string | undefined {
  const [address, bits, extra] = value.split('/')
  if (extra !== undefined || ipv4Problem(address) || (bits !== undefined && !/^\d{1,2}$/.test(bits)) || Number(bits) > 32) {
    return `'${value}' is not an IPv4 network (expected a.b.c.d/len)`
  }
  return undefined
}

const LABEL = /^(?:\*|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)$/

/** A DNS name, relative or absolute (trailing dot); '@' is not accepted here. */
export function dnsNameProblem(value: string): string | undefined {
  if (value.length === 0) return 'a name is empty'
  // eslint-disable-next-line no-control-regex
  if (/[\s"';{}\\\u0000-\u001f]/.test(value)) {
    return `name '${JSON.stringify(value).slice(1, -1)}' may contain only letters, digits, '-', '_', '*' and '.'`
  }
  const bare = value.endsWith('.') ? value.slice(0, -1) : value
  if (bare.length > 253) return `name '${value}' is longer than 253 characters`
  for (const label of bare.split('.')) {
    if (!LABEL.test(label)) return `name '${value}' has an invalid label '${label}' (letters, digits, '-', '_'; 1-63 characters; no leading or trailing '-')`
  }
  return undefined
}
