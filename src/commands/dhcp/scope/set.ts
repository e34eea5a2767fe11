import {Args} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../../lib/base-command.js'
import {scopeFlags, scopeFromFlags} from '../../../lib/cli/dhcp-scope-flags.js'
import type {ApplyReport} from '../../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../../lib/state/state-actions.js'
import {saveDhcpSettings, savedDhcpSettings} from '../../../services/dhcp/save-dhcp.js'
import {setScope} from '../../../services/dhcp/scope-edits.js'

export default class DhcpScopeSet extends MutatingCommand {
  static override summary = 'Change a DHCP scope; flags you leave out keep their value.'
  static override description = '--range and --exclude replace the lists they name. Options are merged one by one; give an empty value to remove one (--option "ntp-servers").'
  static override examples = [
    '<%= config.bin %> <%= command.id %> office --lease-time 1d',
    '<%= config.bin %> <%= command.id %> office --dns 192.168.10.1 --dns 192.168.10.2',
  ]

  static override args = {name: Args.string({description: 'Scope to change.', required: true})}
  static override flags = {...scopeFlags, ...mutatingFlags}

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(DhcpScopeSet)
    const target = targetFromFlags(flags)
    const patch = scopeFromFlags({...flags, subnet: flags.subnet})
    // A new range alone does not move the subnet: only --subnet does.
    if (flags.subnet === undefined) delete patch.subnet
    const report = await saveDhcpSettings(setScope(savedDhcpSettings(target), args.name, patch), target, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
