import type {Ip4, Ip4Range} from '../engine-types.js'
import type {DhcpConfig, DhcpScope} from './schema.js'
import {normalizeRanges} from '../allocator/ip4-range.js'
import {closestOptionName, lookupOption, OptionValueError, Opt, parseOptionText} from '../codec/index.js'
import {ip4FromString, ip4ToString} from '../codec/ip4.js'
import {parseSubnet, subnetContains, type Subnet} from './subnet.js'

/** The first rule a configuration breaks: a one-line message saying what to change, and where. */
export interface ConfigProblem {
  message: string
  path: (string | number)[]
}


// Rules that need more than one field. Checked in the order an operator would
// fix them (names, then each scope from the outside in, then scopes against
// each other) and stopping at the first, so the message stays one line.
export function checkDhcpConfig(config: DhcpConfig): ConfigProblem | undefined {
  const names = new Set<string>()
  for (const [index, scope] of config.scopes.entries()) {
    if (names.has(scope.name)) {
      return {message: `two scopes are named "${scope.name}"; give each scope its own name`, path: ['scopes', index, 'name']}
    }
    names.add(scope.name)
    if (scope.interface !== undefined && config.interfaces.length > 0 && !config.interfaces.includes(scope.interface)) {
      return {
        message: `scope "${scope.name}" is bound to interface ${scope.interface}, which is not in interfaces (${config.interfaces.join(', ')}); add it there or drop the scope's interface`,
        path: ['scopes', index, 'interface'],
      }
    }
    const problem = checkScope(scope)
    if (problem) return {message: problem.message, path: ['scopes', index, ...problem.path]}
  }
  return checkScopesApart(config.scopes)
}

function checkScope(scope: DhcpScope): ConfigProblem | undefined {
  const subnet = parseSubnet(scope.subnet)!
  const where = `scope "${scope.name}" (${scope.subnet})`

  const ranges: Ip4Range[] = []
  for (const [index, text] of scope.ranges.entries()) {
    const range = {start: ip4FromString(text.start), end: ip4FromString(text.end)}
    const problem = checkRangeInSubnet(range, subnet, `range ${text.start}-${text.end} of ${where}`)
    if (problem) return {message: problem, path: ['ranges', index]}
    const overlapping = ranges.find((other) => overlaps(other, range))
    if (overlapping) {
      return {message: `ranges ${formatRange(overlapping)} and ${text.start}-${text.end} of ${where} overlap; merge them into one range`, path: ['ranges', index]}
    }
    ranges.push(range)
  }

  // Touching ranges are joined, so an exclusion may span two of them.
  const pool = normalizeRanges(ranges)
  for (const [index, text] of scope.exclusions.entries()) {
    const exclusion = {start: ip4FromString(text.start), end: ip4FromString(text.end)}
    if (exclusion.start > exclusion.end) {
      return {message: `exclusion ${text.start}-${text.end} of ${where} ends before it starts; swap the two addresses`, path: ['exclusions', index]}
    }
    if (!pool.some((range) => range.start <= exclusion.start && exclusion.end <= range.end)) {
      return {message: `exclusion ${text.start}-${text.end} of ${where} is not inside its ranges; exclusions only remove addresses from a range`, path: ['exclusions', index]}
    }
  }

  for (const [nameOrCode, text] of Object.entries(scope.options)) {
    const problem = checkOption(nameOrCode, text)
    if (problem) return {message: `${problem} in ${where}`, path: ['options', nameOrCode]}
  }

  const hwaddrs = new Set<string>()
  const clientIds = new Set<string>()
  const addresses = new Set<Ip4>()
  for (const [index, reservation] of scope.reservations.entries()) {
    const address = ip4FromString(reservation.address)
    if (!subnetContains(subnet, address) || address === subnet.network || address === subnet.broadcast) {
      return {message: `reservation ${reservation.address} is not a host address of ${where}; reserve an address inside the subnet`, path: ['reservations', index, 'address']}
    }
    if (addresses.has(address)) {
      return {message: `address ${reservation.address} is reserved twice in ${where}; keep one reservation per address`, path: ['reservations', index, 'address']}
    }
    addresses.add(address)
    if (reservation.hwaddr !== undefined) {
      if (hwaddrs.has(reservation.hwaddr)) {
        return {message: `MAC ${reservation.hwaddr} has two reservations in ${where}; keep one reservation per client`, path: ['reservations', index, 'hwaddr']}
      }
      hwaddrs.add(reservation.hwaddr)
    } else if (reservation.clientId !== undefined) {
      if (clientIds.has(reservation.clientId)) {
        return {message: `client id ${reservation.clientId} has two reservations in ${where}; keep one reservation per client`, path: ['reservations', index, 'clientId']}
      }
      clientIds.add(reservation.clientId)
    }
  }
  return undefined
}

/** Options the server sets per client or per message; configuring them would contradict it. */
const SERVER_SET: ReadonlyMap<number, string> = new Map([
  [Opt.requestedAddress, 'clients send it'],
  [Opt.leaseTime, 'use the scope\'s leaseTime'],
  [Opt.overload, 'the encoder decides it'],
  [Opt.messageType, 'the server sets it'],
  [Opt.serverId, 'the server sets it'],
  [Opt.parameterRequestList, 'clients send it'],
  [Opt.maxMessageSize, 'clients send it'],
  [Opt.renewalTime, 'it follows from leaseTime (50 %)'],
  [Opt.rebindingTime, 'it follows from leaseTime (87.5 %)'],
  [Opt.clientId, 'clients send it'],
  [Opt.relayAgentInfo, 'relays send it'],
])

function checkOption(nameOrCode: string, text: string): string | undefined {
  const entry = lookupOption(nameOrCode)
  if (entry === undefined || entry.code === Opt.pad || entry.code === Opt.end) {
    const suggestion = closestOptionName(nameOrCode)
    return `unknown option "${nameOrCode}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`
  }
  const serverSet = SERVER_SET.get(entry.code)
  if (serverSet) return `option ${entry.name} cannot be configured: ${serverSet}`
  try {
    parseOptionText(entry.code, text)
  } catch (error) {
    if (error instanceof OptionValueError) return error.message
    throw error
  }
  return undefined
}

function checkRangeInSubnet(range: Ip4Range, subnet: Subnet, what: string): string | undefined {
  if (range.start > range.end) return `${what} ends before it starts; swap the two addresses`
  if (!subnetContains(subnet, range.start) || !subnetContains(subnet, range.end)) {
    return `${what} is outside the subnet; move the range into the subnet or change the subnet`
  }
  if (range.start === subnet.network) return `${what} includes the network address ${ip4ToString(subnet.network)}; start the range one address later`
  if (range.end === subnet.broadcast) return `${what} includes the broadcast address ${ip4ToString(subnet.broadcast)}; end the range one address earlier`
  return undefined
}

function checkScopesApart(scopes: DhcpScope[]): ConfigProblem | undefined {
  const subnets = scopes.map((scope) => parseSubnet(scope.subnet)!)
  for (let later = 1; later < scopes.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      const a = subnets[earlier]
      const b = subnets[later]
      if (subnetContains(a, b.network) || subnetContains(b, a.network)) {
        return {
          message: `scopes "${scopes[earlier].name}" (${scopes[earlier].subnet}) and "${scopes[later].name}" (${scopes[later].subnet}) overlap; a subnet can belong to one scope only`,
          path: ['scopes', later, 'subnet'],
        }
      }
    }
  }
  return undefined
}

function overlaps(a: Ip4Range, b: Ip4Range): boolean {
  return a.start <= b.end && b.start <= a.end
}

function formatRange(range: Ip4Range): string {
  return `${ip4ToString(range.start)}-${ip4ToString(range.end)}`
}
