import {Args, Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {addAlias} from '../../services/aliases/alias-edits.js'
import {applyAliases, chosenInterface, loadSavedAliases} from '../../services/aliases/alias-apply.js'

export default class AliasAdd extends MutatingCommand {
  static override summary = 'Add an IPv4 alias (eth0:N) to an interface, live and at boot.'
  static override description = 'The alias gets the lowest free label (eth0:1, eth0:2 …), is added with `ip addr replace` and announced with a gratuitous ARP, and is written where the machine reads it at boot.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 192.168.10.10/24 --interface eth0',
    '<%= config.bin %> <%= command.id %> 192.168.10.11/24 --interface eth0 --dry-run',
  ]

  static override args = {address: Args.string({description: 'Address with prefix length, e.g. 192.168.10.10/24.', required: true})}
  static override flags = {
    interface: Flags.string({summary: 'The interface (default: the only one that has aliases).', helpValue: 'IF'}),
    backend: Flags.option({options: ['ifupdown', 'networkmanager', 'netplan'] as const, summary: 'Write files for this tool instead of the detected one.'})(),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(AliasAdd)
    const target = targetFromFlags(flags)
    const saved = loadSavedAliases(target)
    const interfaces = addAlias(saved.interfaces, chosenInterface(flags.interface, saved, target), args.address)
    const report = await applyAliases(target, saved, interfaces, flags.backend, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
