import {ipv4Problem} from '../../lib/validation/net-values.js'

/** An address with its prefix as an interface carries it: 198.18.0.2/24. */
export interface HostAddress {
  address: string
  prefix: number
  /** address/prefix, normalised. */
  cidr: string
}

function toNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

function toText(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffff_ffff - (2 ** (32 - prefix) - 1))
}

/** What is wrong with `a.b.c.d/len` as an address to put on an interface, or undefined. */
export function hostAddressProblem(value: string): string | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(value)
  if (!match) return `'${JSON.stringify(value).slice(1, -1)}' must be an IPv4 address with its prefix length, e.g. 192.168.10.2/24`
  const [, address, bits] = match
  const problem = ipv4Problem(address)
  if (problem) return problem
  const prefix = Number(bits)
  if (prefix < 1 || prefix > 32) return `'${value}': the prefix length must be 1 to 32`
  if (prefix <= 30) {
    const n = toNumber(address)
    const network = n - (n % 2 ** (32 - prefix))
    if (n === network) return `'${value}' is the network address of ${toText(network)}/${prefix}, not a host address`
    if (n === network + 2 ** (32 - prefix) - 1) return `'${value}' is the broadcast address of ${toText(network)}/${prefix}, not a host address`
  }
  return undefined
}

export function parseHostAddress(value: string): HostAddress {
  const problem = hostAddressProblem(value)
  if (problem) throw new Error(problem)
  const [address, bits] = value.split('/')
  const normalised = address.split('.').map(Number).join('.')
  return {address: normalised, prefix: Number(bits), cidr: `${normalised}/${bits}`}
}

/** Is `ip` inside the subnet of `host` (e.g. a gateway next to the interface's address)? */
export function inSubnet(ip: string, host: HostAddress): boolean {
  const m = mask(host.prefix)
  return (toNumber(ip) & m) >>> 0 === (toNumber(host.address) & m) >>> 0
}

/** 198.18.0.2/24 → 198.18.0.0/24. */
export function networkOf(host: HostAddress): string {
  return `${toText((toNumber(host.address) & mask(host.prefix)) >>> 0)}/${host.prefix}`
}
