import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import {UserError} from '../../lib/errors.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {setAliases} from '../../services/aliases/alias-edits.js'
import {applyAliases, chosenInterface, loadSavedAliases} from '../../services/aliases/alias-apply.js'

export default class EnableAliases extends MutatingCommand {
  static override summary = 'Set the extra IPv4 addresses (aliases eth0:1, eth0:2 …) of an interface and apply them.'
  static override description = `The given addresses become the interface's whole alias list: new ones are added live with
\`ip addr replace … label eth0:N\` and announced with a gratuitous ARP, dropped ones are removed, and the list is
written where the machine reads it at boot (ifupdown: /etc/network/interfaces.d/srvctl-aliases; NetworkManager:
a dispatcher script; netplan: /etc/netplan/61-srvctl-aliases.yaml). promote_secondaries is set so that removing
the main address never takes the aliases with it. Without flags, applies the saved list again.

To add or remove one address, use \`srvctl alias add|remove\`.`

  static override examples = [
    {description: 'Two aliases on eth0', command: '<%= config.bin %> <%= command.id %> --interface eth0 --address 192.168.10.10/24 --address 192.168.10.11/24'},
    {description: 'See what would change', command: '<%= config.bin %> <%= command.id %> --interface eth0 --address 192.168.10.10/24 --dry-run'},
  ]

  static override flags = {
    interface: Flags.string({summary: 'The interface that carries the aliases.', helpValue: 'IF'}),
    address: Flags.string({summary: 'Alias address with prefix length. Repeatable; the list replaces the saved one.', multiple: true, helpValue: 'A.B.C.D/LEN'}),
    backend: Flags.option({options: ['ifupdown', 'networkmanager', 'netplan'] as const, summary: 'Write files for this tool instead of the detected one.'})(),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {flags} = await this.parse(EnableAliases)
    const target = targetFromFlags(flags)
    const saved = loadSavedAliases(target)
    let interfaces = saved.interfaces
    if (flags.address) {
      interfaces = setAliases(interfaces, chosenInterface(flags.interface, saved, target), flags.address)
    } else if (flags.interface) {
      throw new UserError('--interface needs the aliases: --address A.B.C.D/LEN (repeatable)', 'to take one alias away, use `srvctl alias remove`')
    }
    const report = await applyAliases(target, saved, interfaces, flags.backend, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
