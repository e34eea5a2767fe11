import {Flags} from '@oclif/core'

import {parseDhcpConfig} from '../../../dhcp/config/parse-config.js'
import {BaseCommand} from '../../../lib/base-command.js'
import {targetFromFlags} from '../../../lib/state/state-actions.js'
import {savedDhcpSettings} from '../../../services/dhcp/save-dhcp.js'

interface ReservationRow {
  scope: string
  address: string
  hwaddr?: string
  clientId?: string
  hostname?: string
}

export default class DhcpReservationList extends BaseCommand {
  static override summary = 'List reservations (all scopes, or one).'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --scope office --json']
  static override flags = {
    scope: Flags.string({summary: 'Only this scope.'}),
    root: Flags.string({summary: 'Read the desired state under this directory.', helpValue: 'DIR'}),
  }

  async run(): Promise<ReservationRow[]> {
    const {flags} = await this.parse(DhcpReservationList)
    const config = parseDhcpConfig(savedDhcpSettings(targetFromFlags({root: flags.root, distro: 'debian'})), 'dhcp')
    const rows: ReservationRow[] = config.scopes
      .filter((s) => !flags.scope || s.name === flags.scope)
      .flatMap((s) => s.reservations.map((r) => ({scope: s.name, ...r})))
    if (rows.length === 0) this.log('No reservations.')
    for (const r of rows) this.log(`${r.scope.padEnd(12)} ${r.address.padEnd(15)} ${(r.hwaddr ?? `id ${r.clientId}`).padEnd(20)} ${r.hostname ?? ''}`)
    return rows
  }
}
