import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {saveDhcpSettings, savedDhcpSettings} from '../../services/dhcp/save-dhcp.js'

export default class EnableDhcp extends MutatingCommand {
  static override summary = 'Run the built-in DHCPv4 server as a service (srvctl-dhcp.service).'
  static override description = `Writes /etc/srvctl/dhcp4.yaml (what the server reads) and the unit srvctl-dhcp.service, which runs
\`srvctl dhcp serve\`, then starts it. Scopes and reservations are managed with \`srvctl dhcp scope\` and
\`srvctl dhcp reservation\`; each change reloads the server (SIGHUP) without losing leases.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --interface eth1',
    '<%= config.bin %> <%= command.id %> --interface eth1 --interface eth2 --decline-quarantine 1h',
  ]

  static override flags = {
    interface: Flags.string({summary: 'Serve clients on this interface. Repeatable. None: relayed requests only.', multiple: true, helpValue: 'IFACE'}),
    authoritative: Flags.boolean({summary: 'NAK requests for addresses this server does not know (default on).', allowNo: true}),
    'lease-file': Flags.string({summary: 'Where leases are kept (default /var/lib/srvctl/dhcp4.leases).', helpValue: 'FILE'}),
    'decline-quarantine': Flags.string({summary: 'How long an address a client declined stays unused (default 1d).', helpValue: 'DURATION'}),
    'offer-hold': Flags.string({summary: 'How long an offered address is held for the client (default 30s).', helpValue: 'DURATION'}),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {flags} = await this.parse(EnableDhcp)
    const target = targetFromFlags(flags)
    const given: Record<string, unknown> = {
      interfaces: flags.interface,
      authoritative: flags.authoritative,
      leaseFile: flags['lease-file'],
      declineQuarantine: flags['decline-quarantine'],
      offerHold: flags['offer-hold'],
    }
    const settings = {...savedDhcpSettings(target)}
    for (const [key, value] of Object.entries(given)) if (value !== undefined) settings[key] = value
    const report = await saveDhcpSettings(settings, target, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
