import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../../lib/base-command.js'
import {UserError} from '../../../lib/errors.js'
import type {ApplyReport} from '../../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../../lib/state/state-actions.js'
import {saveDhcpSettings, savedDhcpSettings} from '../../../services/dhcp/save-dhcp.js'
import {removeReservation} from '../../../services/dhcp/scope-edits.js'

export default class DhcpReservationRemove extends MutatingCommand {
  static override summary = 'Remove a reservation, named by its address or MAC.'
  static override examples = ['<%= config.bin %> <%= command.id %> --scope office --address 192.168.10.20', '<%= config.bin %> <%= command.id %> --scope office --mac 08:00:27:aa:bb:cc']
  static override flags = {
    scope: Flags.string({summary: 'Scope the reservation belongs to.', required: true}),
    address: Flags.string({summary: 'Reserved address.', helpValue: 'IP'}),
    mac: Flags.string({summary: 'Client hardware address.', helpValue: 'MAC'}),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {flags} = await this.parse(DhcpReservationRemove)
    if (!flags.address && !flags.mac) throw new UserError('say which reservation: --address or --mac', 'see srvctl dhcp reservation list')
    const target = targetFromFlags(flags)
    const next = removeReservation(savedDhcpSettings(target), flags.scope, {address: flags.address, hwaddr: flags.mac})
    const report = await saveDhcpSettings(next, target, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
