import {Args} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../lib/base-command.js'
import type {ApplyReport} from '../lib/plan/apply-plan.js'
import {applyDesiredState, targetFromFlags} from '../lib/state/state-actions.js'

export default class Apply extends MutatingCommand {
  static override summary = 'Apply the saved desired state: render, validate, back up, replace, restart, verify.'
  static override description = 'Applies every enabled service of /etc/srvctl/srvctl.yaml (or one). Only files that differ are replaced and only units whose files changed are restarted; a second run changes nothing. Any failure restores the previous files.'
  static override examples = ['<%= config.bin %> apply', '<%= config.bin %> apply dns --dry-run', '<%= config.bin %> apply --root /tmp/stage']
  static override args = {service: Args.string({description: 'Only this service.', required: false})}
  static override flags = {...mutatingFlags}

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(Apply)
    const target = targetFromFlags(flags)
    const report = await applyDesiredState(target, this.progressFor(target), this.commandLine(), args.service)
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
