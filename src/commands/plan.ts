import {Args, Flags} from '@oclif/core'

import {MutatingCommand} from '../lib/base-command.js'
import type {ApplyReport} from '../lib/plan/apply-plan.js'
import {applyDesiredState, targetFromFlags} from '../lib/state/state-actions.js'

export default class Plan extends MutatingCommand {
  static override summary = 'Show what `srvctl apply` would change, with unified diffs (secrets masked).'
  static override description = 'Reads the desired state (/etc/srvctl/srvctl.yaml), renders every enabled service and compares with the live files. Writes nothing; the daemon checkers run on a scratch copy.'
  static override examples = ['<%= config.bin %> plan', '<%= config.bin %> plan dns', '<%= config.bin %> plan --root /tmp/stage --json']
  static override args = {service: Args.string({description: 'Only this service.', required: false})}
  static override flags = {
    root: Flags.string({summary: 'Compare against files under this directory instead of /.', helpValue: 'DIR'}),
    distro: Flags.option({options: ['debian', 'rhel'] as const, summary: 'Use this distribution profile instead of detecting it.'})(),
  }

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(Plan)
    const target = targetFromFlags({...flags, 'dry-run': true})
    const report = await applyDesiredState(target, this.progressFor(target), this.commandLine(), args.service)
    this.printReport(report, true)
    return report
  }
}
