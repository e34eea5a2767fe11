import {Args} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../lib/base-command.js'
import {type RollbackReport, rollbackRun, targetFromFlags} from '../lib/state/state-actions.js'

export default class Rollback extends MutatingCommand {
  static override summary = 'Put back the files a run replaced and restart what it restarted.'
  static override description = 'Without RUN, undoes the latest run that changed files. The rollback is recorded as a run of its own, so it can be undone the same way.'
  static override examples = ['<%= config.bin %> rollback', '<%= config.bin %> rollback 20261128T061500Z-1a2b', '<%= config.bin %> rollback --dry-run']
  static override args = {run: Args.string({description: 'Run id from `srvctl history`.', required: false})}
  static override flags = {...mutatingFlags}

  async run(): Promise<RollbackReport> {
    const {args, flags} = await this.parse(Rollback)
    const target = targetFromFlags(flags)
    const report = await rollbackRun(target, args.run, this.progressFor(target), this.commandLine())
    const verb = target.mode === 'dry-run' ? 'Would restore' : 'Restored'
    this.log(`${verb} ${report.restored.length} file(s) from before run ${report.undid}${report.run ? ` (run ${report.run})` : ''}:`)
    for (const p of report.restored) this.log(`  ${p}`)
    if (report.restarted.length > 0) this.log(`restarted: ${report.restarted.join(', ')}`)
    return report
  }
}
