import {Args, Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {removeAlias} from '../../services/aliases/alias-edits.js'
import {applyAliases, loadSavedAliases} from '../../services/aliases/alias-apply.js'

export default class AliasRemove extends MutatingCommand {
  static override summary = 'Remove an IPv4 alias, live and at boot.'
  static override description = 'The address is taken off its interface now and dropped from the boot configuration; the other addresses stay.'
  static override examples = ['<%= config.bin %> <%= command.id %> 192.168.10.10', '<%= config.bin %> <%= command.id %> 192.168.10.10/24 --interface eth0 --dry-run']

  static override args = {address: Args.string({description: 'The alias address (prefix length optional).', required: true})}
  static override flags = {
    interface: Flags.string({summary: 'Only look on this interface.', helpValue: 'IF'}),
    backend: Flags.option({options: ['ifupdown', 'networkmanager', 'netplan'] as const, summary: 'Write files for this tool instead of the detected one.'})(),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(AliasRemove)
    const target = targetFromFlags(flags)
    const saved = loadSavedAliases(target)
    const {interfaces} = removeAlias(saved.interfaces, args.address, flags.interface)
    const report = await applyAliases(target, saved, interfaces, flags.backend, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
