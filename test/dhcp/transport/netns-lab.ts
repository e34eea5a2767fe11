// Three network namespaces for transport tests: a server with two links,
// each to its own peer. Addresses are in 198.18.0.0/15 only.
//
//   peer A  pa 198.18.1.2/24 ──── sa 198.18.1.1/24 ┐
//                                                   server
//   peer B  pb 198.18.2.2/24 ──── sb 198.18.2.1/24 ┘
import {execFileSync} from 'node:child_process'

export function ip(...args: string[]): string {
  return execFileSync('ip', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
}

export interface Lab {
  server: string
  peerA: string
  peerB: string
  /** MAC address of the peer A end of link A. */
  peerAMac: string
  destroy(): void
}

export function canCreateNamespaces(): boolean {
  return process.getuid?.() === 0
}

/** Creates the lab; `tag` (a few letters) keeps names of concurrent test files apart. */
export function createLab(tag: string): Lab {
  const name = (role: string): string => `t-${tag}-${role}-${process.pid}`
  const lab = {server: name('s'), peerA: name('a'), peerB: name('b')}
  const destroy = (): void => {
    for (const ns of Object.values(lab)) {
      try {
        ip('netns', 'del', ns)
      } catch {
        // not created, or already gone
      }
    }
  }
  try {
    for (const ns of Object.values(lab)) {
      ip('netns', 'add', ns)
      ip('-n', ns, 'link', 'set', 'lo', 'up')
    }
    link(lab.server, 'sa', '198.18.1.1/24', lab.peerA, 'pa', '198.18.1.2/24')
    link(lab.server, 'sb', '198.18.2.1/24', lab.peerB, 'pb', '198.18.2.2/24')
    const peerAMac = JSON.parse(ip('-n', lab.peerA, '-j', 'link', 'show', 'pa'))[0].address as string
    return {...lab, peerAMac, destroy}
  } catch (error) {
    destroy()
    throw error
  }
}

function link(nsA: string, ifA: string, addressA: string, nsB: string, ifB: string, addressB: string): void {
  ip('link', 'add', ifA, 'netns', nsA, 'type', 'veth', 'peer', 'name', ifB, 'netns', nsB)
  for (const [ns, ifname, address] of [
    [nsA, ifA, addressA],
    [nsB, ifB, addressB],
  ]) {
    ip('-n', ns, 'addr', 'add', address, 'dev', ifname)
    ip('-n', ns, 'link', 'set', ifname, 'up')
  }
}
