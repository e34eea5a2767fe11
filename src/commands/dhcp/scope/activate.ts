import {Args} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../../lib/base-command.js'
import type {ApplyReport} from '../../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../../lib/state/state-actions.js'
import {saveDhcpSettings, savedDhcpSettings} from '../../../services/dhcp/save-dhcp.js'
import {setScope} from '../../../services/dhcp/scope-edits.js'

export default class DhcpScopeActivate extends MutatingCommand {
  static override summary = 'Start serving a scope that was saved inactive.'
  static override examples = ['<%= config.bin %> <%= command.id %> office', '<%= config.bin %> <%= command.id %> office --dry-run']
  static override args = {name: Args.string({description: 'Scope name.', required: true})}
  static override flags = {...mutatingFlags}

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(DhcpScopeActivate)
    const target = targetFromFlags(flags)
    const report = await saveDhcpSettings(setScope(savedDhcpSettings(target), args.name, {active: true}), target, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
