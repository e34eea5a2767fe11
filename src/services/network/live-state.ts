import {hostname} from 'node:os'

import {runCommand} from '../../lib/plan/system-commands.js'

// What an interface looks like right now, recorded before a network change so
// that an unconfirmed change can be put back exactly (the way `netplan try`
// and Cockpit's checkpoints do), even when the admin's session is gone.

export interface LiveAddress {
  /** address/prefix */
  cidr: string
  label: string
}

export interface LiveRoute {
  dst: string
  gateway: string
  metric?: number
}

export interface LiveState {
  interface: string
  addresses: LiveAddress[]
  /** Routes through a gateway on this interface (the kernel recreates the others with the addresses). */
  routes: LiveRoute[]
  hostname: string
}

interface IpAddrJson {
  addr_info?: {family: string; local: string; prefixlen: number; label?: string}[]
}

interface IpRouteJson {
  dst: string
  gateway?: string
  metric?: number
}

async function ipJson<T>(args: string[]): Promise<T> {
  const result = await runCommand(['ip', '-j', ...args])
  if (!result.ok) throw new Error(`ip ${args.join(' ')}: ${result.output}`)
  return JSON.parse(result.output || '[]') as T
}

export async function readLiveState(iface: string): Promise<LiveState> {
  const links = await ipJson<IpAddrJson[]>(['-4', 'addr', 'show', 'dev', iface])
  const addresses = (links[0]?.addr_info ?? [])
    .filter((a) => a.family === 'inet')
    .map((a) => ({cidr: `${a.local}/${a.prefixlen}`, label: a.label ?? iface}))
  const routes = (await ipJson<IpRouteJson[]>(['-4', 'route', 'show', 'dev', iface]))
    .filter((r) => r.gateway)
    .map((r) => ({dst: r.dst, gateway: r.gateway as string, ...(r.metric === undefined ? {} : {metric: r.metric})}))
  return {interface: iface, addresses, routes, hostname: hostname()}
}

const routeKey = (r: LiveRoute): string => `${r.dst} ${r.gateway} ${r.metric ?? 0}`

/**
 * Puts `saved` back: addresses added since are removed, the saved ones come
 * back with their labels, then the gateway routes and the host name.
 * Collects problems instead of stopping, so as much as possible comes back.
 */
export async function restoreLiveState(saved: LiveState): Promise<string[]> {
  const problems: string[] = []
  const run = async (argv: string[]) => {
    const result = await runCommand(argv)
    if (!result.ok) problems.push(`${argv.join(' ')}: ${result.output || `exit ${result.exitCode}`}`)
  }
  const dev = saved.interface
  await run(['sysctl', '-q', '-w', 'net.ipv4.conf.all.promote_secondaries=1'])
  await run(['ip', 'link', 'set', 'dev', dev, 'up'])
  const now = await readLiveState(dev)
  const key = (a: LiveAddress) => `${a.cidr} ${a.label}`
  const wanted = new Set(saved.addresses.map(key))
  const present = new Set(now.addresses.map(key))
  // Removing first also clears an address that came back under another label.
  for (const address of now.addresses) if (!wanted.has(key(address))) await run(['ip', 'addr', 'del', address.cidr, 'dev', dev])
  for (const address of saved.addresses) {
    if (!present.has(key(address))) await run(['ip', 'addr', 'replace', address.cidr, 'dev', dev, 'label', address.label])
  }
  const after = await readLiveState(dev)
  const savedRoutes = new Set(saved.routes.map(routeKey))
  for (const route of after.routes) {
    if (!savedRoutes.has(routeKey(route))) {
      await run(['ip', 'route', 'del', route.dst, 'via', route.gateway, 'dev', dev, ...(route.metric === undefined ? [] : ['metric', String(route.metric)])])
    }
  }
  for (const route of saved.routes) {
    await run(['ip', 'route', 'replace', route.dst, 'via', route.gateway, 'dev', dev, ...(route.metric === undefined ? [] : ['metric', String(route.metric)])])
  }
  if (hostname() !== saved.hostname) await run(['hostname', saved.hostname])
  return problems
}
