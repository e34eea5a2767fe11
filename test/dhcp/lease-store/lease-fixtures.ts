import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {Lease} from '../../../src/dhcp/engine-types.js'

const hex2 = (n: number): string => (n & 255).toString(16).padStart(2, '0')

/** MAC 02:00:xx:xx:xx:01 derived from n (locally administered, so it names no real device). */
export function macFor(n: number): string {
  return `02:00:${hex2(n >> 16)}:${hex2(n >> 8)}:${hex2(n)}:01`
}

/** Lease number n in 198.18.0.0/15, with the client key forms and fields varying with n. */
export function leaseFor(n: number, overrides: Partial<Lease> = {}): Lease {
  const hwaddr = macFor(n)
  const form = n % 3
  const clientKey = form === 0 ? 'hw:' + hwaddr : form === 1 ? 'id:01' + hwaddr.replaceAll(':', '') : `id:00${n.toString(16).padStart(8, '0')}`
  const lease: Lease = {
    address: 0xc6120000 + (n % 0x20000),
    clientKey,
    hwaddr,
    hostname: n % 2 === 0 ? `host-${n}` : '',
    scope: `scope-${n % 4}`,
    state: 'active',
    start: 1_700_000_000 + n,
    expiry: 1_700_003_600 + n,
  }
  return Object.keys(overrides).length === 0 ? lease : {...lease, ...overrides}
}

/** A fresh directory under the system temp dir, and a function that removes it. */
export async function tempDir(name: string): Promise<{dir: string; cleanup: () => Promise<void>}> {
  const dir = await mkdtemp(join(tmpdir(), `srvctl-${name}-`))
  return {dir, cleanup: () => rm(dir, {recursive: true, force: true})}
}

/** Leases sorted by address, for comparing whole stores. */
export function sortedLeases(leases: Iterable<Lease>): Lease[] {
  return [...leases].sort((a, b) => a.address - b.address)
}

/** Leases whose fields exercise every stored form and every character the log format must escape. */
export const oddLeases: readonly Lease[] = [
  {address: 0, clientKey: 'hw:', hwaddr: '', hostname: '', scope: '', state: 'expired', start: 0, expiry: 0},
  {address: 0xffffffff, clientKey: 'hw:AA:BB:CC:DD:EE:FF', hwaddr: 'AA:BB:CC:DD:EE:FF', hostname: 'UPPER', scope: 's', state: 'released', start: -5, expiry: 2 ** 40},
  {address: 0xc6120001, clientKey: 'id:01020000000001', hwaddr: '02:00:00:00:00:01', hostname: 'tab\there', scope: 'lan', state: 'declined', start: 1, expiry: 2},
  {address: 0xc6120002, clientKey: 'id:01020000000099', hwaddr: '02:00:00:00:00:02', hostname: 'new\nline\r%25 %09', scope: 'lan', state: 'active', start: 3, expiry: 4},
  {address: 0xc6120003, clientKey: 'id:ff00', hwaddr: '80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:01:02:03', hostname: 'infiniband', scope: 'ib', state: 'active', start: 5, expiry: 6},
  {address: 0xc6120004, clientKey: 'hw:weird\t%key', hwaddr: 'weird\t%key', hostname: 'café-ünïcode-😀', scope: 'scöpe\twith tab', state: 'active', start: 7, expiry: 8},
  {address: 0xc6120005, clientKey: 'id:0102000000000', hwaddr: '02:00:00:00:00:05', hostname: 'short id', scope: 'lan', state: 'active', start: 9, expiry: 10},
  {address: 0xc6120006, clientKey: 'plain-key-without-prefix', hwaddr: '02:00:00:00:00:06', hostname: '', scope: 'lan', state: 'active', start: 11, expiry: 12},
  {address: 0xc6120007, clientKey: 'hw:02:00:00:00:00:08', hwaddr: '02:00:00:00:00:07', hostname: 'key names another mac', scope: 'lan', state: 'active', start: 13, expiry: 14},
]
