import {Flags} from '@oclif/core'

import {BaseCommand} from '../lib/base-command.js'
import type {RunRecord} from '../lib/plan/run-history.js'
import {runHistory, targetFromFlags} from '../lib/state/state-actions.js'

export default class History extends BaseCommand {
  static override summary = 'List past runs: when, what, which files changed, and how they ended.'
  static override examples = ['<%= config.bin %> history', '<%= config.bin %> history --limit 5 --json']
  static override flags = {
    root: Flags.string({summary: 'Read the history under this directory.', helpValue: 'DIR'}),
    limit: Flags.integer({summary: 'Show only the newest N runs.', min: 1}),
  }

  async run(): Promise<RunRecord[]> {
    const {flags} = await this.parse(History)
    let runs = runHistory(targetFromFlags({root: flags.root, distro: 'debian'}))
    if (flags.limit) runs = runs.slice(-flags.limit)
    if (runs.length === 0) this.log('No runs yet.')
    for (const r of runs) {
      this.log(`${r.id}  ${r.status.padEnd(11)} ${r.services.join(',').padEnd(12)} ${r.changedFiles.length} file(s)  ${r.command}`)
      if (r.error) this.log(`    error: ${r.error}`)
    }
    return runs
  }
}
