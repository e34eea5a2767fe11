import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../../lib/base-command.js'
import {UserError} from '../../../lib/errors.js'
import type {ApplyReport} from '../../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../../lib/state/state-actions.js'
import {saveDhcpSettings, savedDhcpSettings} from '../../../services/dhcp/save-dhcp.js'
import {addReservation} from '../../../services/dhcp/scope-edits.js'

export default class DhcpReservationAdd extends MutatingCommand {
  static override summary = 'Reserve a fixed address for one client, by MAC address or client identifier.'
  static override description = 'The address must lie in the scope\'s subnet and not be reserved already. It may be inside or outside the scope\'s range.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --scope office --mac 08:00:27:aa:bb:cc --address 192.168.10.20 --hostname printer',
    '<%= config.bin %> <%= command.id %> --scope office --client-id 01:08:00:27:aa:bb:cc --address 192.168.10.21',
  ]

  static override flags = {
    scope: Flags.string({summary: 'Scope the reservation belongs to.', required: true}),
    mac: Flags.string({summary: 'Client hardware address.', helpValue: 'MAC', exclusive: ['client-id']}),
    'client-id': Flags.string({summary: 'Client identifier (option 61) as hex bytes.', helpValue: 'HEX'}),
    address: Flags.string({summary: 'The fixed address.', required: true, helpValue: 'IP'}),
    hostname: Flags.string({summary: 'Host name handed to the client.'}),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {flags} = await this.parse(DhcpReservationAdd)
    if (!flags.mac && !flags['client-id']) throw new UserError('a reservation needs --mac or --client-id', 'e.g. --mac 08:00:27:aa:bb:cc')
    const target = targetFromFlags(flags)
    const reservation = {
      ...(flags.mac ? {hwaddr: flags.mac} : {clientId: flags['client-id']}),
      address: flags.address,
      ...(flags.hostname ? {hostname: flags.hostname} : {}),
    }
    const report = await saveDhcpSettings(addReservation(savedDhcpSettings(target), flags.scope, reservation), target, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
