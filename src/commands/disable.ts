import {Args} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../lib/base-command.js'
import {type DisableReport, disableService, targetFromFlags} from '../lib/state/state-actions.js'

export default class Disable extends MutatingCommand {
  static override summary = 'Stop a service and disable it at boot; its settings and files are kept.'
  static override examples = ['<%= config.bin %> disable dns', '<%= config.bin %> disable dns --dry-run']
  static override args = {service: Args.string({description: 'Service to disable.', required: true})}
  static override flags = {...mutatingFlags}

  async run(): Promise<DisableReport> {
    const {args, flags} = await this.parse(Disable)
    const target = targetFromFlags(flags)
    const report = await disableService(args.service, target, this.progressFor(target), this.commandLine())
    this.printReport(report.state, target.mode === 'dry-run')
    if (report.stopped.length > 0) this.log(`stopped and disabled: ${report.stopped.join(', ')}`)
    for (const p of report.problems) this.warn(p)
    return report
  }
}
