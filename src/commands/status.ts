import {Flags} from '@oclif/core'

import {BaseCommand} from '../lib/base-command.js'
import {type ServiceStatus, serviceStatus, targetFromFlags} from '../lib/state/state-actions.js'

export default class Status extends BaseCommand {
  static override summary = 'Show each managed service: configured, unit enabled/active, last run.'
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status --json']
  static override flags = {
    root: Flags.string({summary: 'Read the desired state under this directory.', helpValue: 'DIR'}),
    distro: Flags.option({options: ['debian', 'rhel'] as const, summary: 'Use this distribution profile instead of detecting it.'})(),
  }

  async run(): Promise<ServiceStatus[]> {
    const {flags} = await this.parse(Status)
    const statuses = await serviceStatus(targetFromFlags(flags))
    const yesNo = (v: boolean | undefined) => (v === undefined ? '-' : v ? 'yes' : 'no')
    this.log(`${'SERVICE'.padEnd(10)} ${'CONFIGURED'.padEnd(10)} ${'ENABLED'.padEnd(8)} ${'UNIT'.padEnd(12)} ${'AT BOOT'.padEnd(8)} ${'ACTIVE'.padEnd(7)} LAST RUN`)
    for (const s of statuses) {
      const unit = s.units[0]
      this.log(
        `${s.service.padEnd(10)} ${yesNo(s.configured).padEnd(10)} ${yesNo(s.enabled).padEnd(8)} ${(unit?.name ?? '-').padEnd(12)} ${yesNo(unit?.enabledAtBoot).padEnd(8)} ${yesNo(unit?.active).padEnd(7)} ${s.lastRun ? `${s.lastRun.id} ${s.lastRun.status}` : '-'}`,
      )
    }
    return statuses
  }
}
