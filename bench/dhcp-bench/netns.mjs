// The benchmark's two network namespaces joined by a veth pair. Every address
// is in 198.18.0.0/15: the server side owns 198.18.100.1, perfdhcp plays a
// relay agent whose giaddr (198.19.0.1) lives on the client side; the server
// reaches it through a route, so relayed replies never leave the two namespaces.
import {execFileSync} from 'node:child_process'

export const SERVER_ADDRESS = '198.18.100.1'
export const CLIENT_LINK_ADDRESS = '198.18.100.2'
export const RELAY_ADDRESS = '198.19.0.1'
/** What the relay's side of the world is routed as: every relayed subnet the benchmark serves lies inside. */
const RELAYED_ROUTE = '198.19.0.0/16'

export function namespaceNames(id) {
  return {server: `b-dhs-${id}`, client: `b-dhc-${id}`, serverIf: `bds${id}`, clientIf: `bdc${id}`}
}

function ip(...args) {
  execFileSync('ip', args, {stdio: ['ignore', 'ignore', 'pipe']})
}

export function createNamespaces(names) {
  ip('netns', 'add', names.server)
  ip('netns', 'add', names.client)
  ip('link', 'add', names.serverIf, 'type', 'veth', 'peer', 'name', names.clientIf)
  ip('link', 'set', names.serverIf, 'netns', names.server)
  ip('link', 'set', names.clientIf, 'netns', names.client)
  ip('-n', names.server, 'addr', 'add', `${SERVER_ADDRESS}/24`, 'dev', names.serverIf)
  ip('-n', names.client, 'addr', 'add', `${CLIENT_LINK_ADDRESS}/24`, 'dev', names.clientIf)
  ip('-n', names.client, 'addr', 'add', `${RELAY_ADDRESS}/32`, 'dev', names.clientIf)
  for (const [ns, dev] of [[names.server, names.serverIf], [names.client, names.clientIf]]) {
    ip('-n', ns, 'link', 'set', 'lo', 'up')
    ip('-n', ns, 'link', 'set', dev, 'up')
  }
  ip('-n', names.server, 'route', 'add', RELAYED_ROUTE, 'via', CLIENT_LINK_ADDRESS)
}

/** Kills whatever still runs inside the namespaces (only processes this run started live there), then deletes them. Never throws. */
export function destroyNamespaces(names) {
  for (const ns of [names.server, names.client]) {
    let pids = ''
    try {
      pids = execFileSync('ip', ['netns', 'pids', ns], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
    } catch {
      continue
    }
    for (const pid of pids.split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL')
      } catch {}
    }
    try {
      ip('netns', 'del', ns)
    } catch {}
  }
}

/** True once something in the namespace listens on UDP port 67 (how every server under test says it is ready). */
export function listensOnPort67(ns) {
  try {
    const out = execFileSync('ip', ['netns', 'exec', ns, 'ss', '-Hlun', 'sport = :67'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
    return out.trim().length > 0
  } catch {
    return false
  }
}
