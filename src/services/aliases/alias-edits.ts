import {UserError} from '../../lib/errors.js'
import {hostAddressProblem, parseHostAddress} from '../network/host-address.js'
import {type AliasInterface, withLabels} from './alias-settings.js'

// The edits behind `srvctl alias add|remove` and `srvctl enable aliases`, on
// the saved list: pure, so the commands stay thin and the rules are testable.

export function savedAliasInterfaces(value: unknown): AliasInterface[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((i): i is {name: string; aliases?: unknown} => typeof i?.name === 'string')
    .map((i) => ({name: i.name, aliases: Array.isArray(i.aliases) ? (i.aliases as AliasInterface['aliases']) : []}))
}

function checkedCidr(value: string): string {
  const problem = hostAddressProblem(value)
  if (problem) throw new UserError(`aliases: ${problem}`)
  return parseHostAddress(value).cidr
}

const ipOf = (cidr: string): string => cidr.split('/')[0]

/** Adds one alias (lowest free label); an address that is already an alias anywhere is refused. */
export function addAlias(interfaces: AliasInterface[], iface: string, address: string): AliasInterface[] {
  const cidr = checkedCidr(address)
  for (const entry of interfaces) {
    const found = entry.aliases.find((a) => ipOf(a.address) === ipOf(cidr))
    if (found) throw new UserError(`${ipOf(cidr)} is already an alias of ${entry.name}${found.label ? ` (${found.label})` : ''}`, 'remove it first with `srvctl alias remove`')
  }
  const exists = interfaces.some((e) => e.name === iface)
  const next = exists
    ? interfaces.map((e) => (e.name === iface ? {...e, aliases: [...e.aliases, {address: cidr}]} : e))
    : [...interfaces, {name: iface, aliases: [{address: cidr}]}]
  return withLabels(next)
}

/**
 * Removes the alias with this address (prefix optional). The interface stays
 * listed even when it has no aliases left, so the next apply takes the
 * addresses off it.
 */
export function removeAlias(interfaces: AliasInterface[], address: string, iface?: string): {interfaces: AliasInterface[]; removed: {interface: string; address: string; label?: string}} {
  const ip = ipOf(address)
  const owner = interfaces.find((e) => (!iface || e.name === iface) && e.aliases.some((a) => ipOf(a.address) === ip))
  if (!owner) throw new UserError(`${ip} is not an alias${iface ? ` of ${iface}` : ''}`, 'see `srvctl alias list`')
  const alias = owner.aliases.find((a) => ipOf(a.address) === ip) as AliasInterface['aliases'][number]
  if (address.includes('/') && checkedCidr(address) !== alias.address) {
    throw new UserError(`${ip} is an alias with prefix ${alias.address}, not ${address}`, `use srvctl alias remove ${alias.address}`)
  }
  return {
    interfaces: interfaces.map((e) => (e === owner ? {...e, aliases: e.aliases.filter((a) => a !== alias)} : e)),
    removed: {interface: owner.name, address: alias.address, label: alias.label},
  }
}

/** Sets the aliases of one interface to exactly `addresses`, keeping the labels of those it already had. */
export function setAliases(interfaces: AliasInterface[], iface: string, addresses: string[]): AliasInterface[] {
  const cidrs = addresses.map(checkedCidr)
  const previous = interfaces.find((e) => e.name === iface)?.aliases ?? []
  const aliases = cidrs.map((cidr) => previous.find((a) => a.address === cidr) ?? {address: cidr})
  const entry = {name: iface, aliases}
  return withLabels(interfaces.some((e) => e.name === iface) ? interfaces.map((e) => (e.name === iface ? entry : e)) : [...interfaces, entry])
}
