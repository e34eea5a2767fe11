import {Flags} from '@oclif/core'

import {ip4ToString} from '../../dhcp/codec/ip4.js'
import {DEFAULT_LEASE_FILE} from '../../dhcp/config/schema.js'
import {readLeaseSnapshot} from '../../dhcp/lease-store/read-lease-snapshot.js'
import {BaseCommand} from '../../lib/base-command.js'
import {onTarget} from '../../lib/plan/target.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {savedDhcpSettings} from '../../services/dhcp/save-dhcp.js'

export interface LeaseRow {
  address: string
  hwaddr: string
  clientId?: string
  hostname: string
  scope: string
  state: string
  start: string
  expiry: string
}

export default class DhcpLeases extends BaseCommand {
  static override summary = 'List the leases of the DHCP server: address, MAC or client id, hostname, state, expiry.'
  static override description = 'Reads the lease file without disturbing the running server. A lease whose time has run out shows as expired. By default only leases that hold an address (active, declined) are listed.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --all --json', '<%= config.bin %> <%= command.id %> --lease-file /tmp/test.leases']
  static override flags = {
    'lease-file': Flags.string({summary: 'Lease file to read (default: the one in the DHCP settings, /var/lib/srvctl/dhcp4.leases).', helpValue: 'FILE'}),
    all: Flags.boolean({summary: 'Also list released and expired leases.', default: false}),
    root: Flags.string({summary: 'Read the settings and the lease file under this directory.', helpValue: 'DIR'}),
  }

  async run(): Promise<LeaseRow[]> {
    const {flags} = await this.parse(DhcpLeases)
    const target = targetFromFlags({root: flags.root, distro: 'debian'})
    const configured = savedDhcpSettings(target).leaseFile
    const path = flags['lease-file'] ?? onTarget(target, typeof configured === 'string' ? configured : DEFAULT_LEASE_FILE)
    const leases = await readLeaseSnapshot(path, (message) => this.warn(message))
    const now = Date.now() / 1000
    const rows: LeaseRow[] = leases
      .map((lease) => ({
        address: ip4ToString(lease.address),
        hwaddr: lease.hwaddr,
        ...(lease.clientKey.startsWith('id:') ? {clientId: lease.clientKey.slice(3)} : {}),
        hostname: lease.hostname,
        scope: lease.scope,
        state: lease.state === 'active' && lease.expiry <= now ? 'expired' : lease.state,
        start: new Date(lease.start * 1000).toISOString(),
        expiry: new Date(lease.expiry * 1000).toISOString(),
        sortKey: lease.address,
      }))
      .filter((row) => flags.all || row.state === 'active' || row.state === 'declined')
      .sort((a, b) => a.sortKey - b.sortKey)
      .map(({sortKey: _sortKey, ...row}) => row)
    if (rows.length === 0) this.log(`No leases in ${path}.`)
    else this.log(`${'ADDRESS'.padEnd(16)}${'MAC'.padEnd(19)}${'HOSTNAME'.padEnd(20)}${'STATE'.padEnd(10)}${'EXPIRES'.padEnd(22)}SCOPE`)
    for (const r of rows) this.log(`${r.address.padEnd(16)}${r.hwaddr.padEnd(19)}${(r.hostname || '-').padEnd(20)}${r.state.padEnd(10)}${r.expiry.slice(0, 19).replace('T', ' ').padEnd(22)}${r.scope}`)
    return rows
  }
}
