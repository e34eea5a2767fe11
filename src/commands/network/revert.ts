import {renameSync} from 'node:fs'

import {Flags} from '@oclif/core'

import {BaseCommand} from '../../lib/base-command.js'
import {UserError} from '../../lib/errors.js'
import {silentProgress} from '../../lib/plan/progress.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {revertChange, stopRevertTimer} from '../../services/network/network-revert.js'
import {type LastRevert, PENDING_FILE, claimPending, readPending} from '../../services/network/pending-change.js'

export default class NetworkRevert extends BaseCommand {
  static override summary = 'Undo the network change that is waiting for confirmation, now.'
  static override description = `Puts back the addresses, routes and host name recorded before the change, and the files it replaced
(through a rollback of its run). Without this, the same happens by itself when the confirmation time runs out.`

  static override examples = ['<%= config.bin %> network revert']

  static override flags = {
    wait: Flags.boolean({hidden: true, summary: 'Wait for the deadline first (the detached timer).', dependsOn: ['token']}),
    token: Flags.string({hidden: true, summary: 'The change this timer belongs to.'}),
  }

  async run(): Promise<LastRevert | undefined> {
    const {flags} = await this.parse(NetworkRevert)
    if (flags.wait && flags.token) return this.revertAtDeadline(flags.token)
    const claim = claimPending('revert')
    if (!claim) throw new UserError('no network change is waiting for confirmation', 'nothing to revert', 'nothing-pending')
    stopRevertTimer(claim.change.timer, claim.change.token)
    const record = await revertChange(claim, 'asked for', targetFromFlags({}), silentProgress)
    this.log(`Reverted ${claim.change.command}`)
    if (record.run) this.log(`  files restored from before run ${record.run}: ${record.restored.join(', ') || 'none'}`)
    for (const problem of record.problems) this.warn(problem)
    return record
  }

  /** The detached timer: sleeps until the deadline, then reverts unless confirm got there first. */
  private async revertAtDeadline(token: string): Promise<LastRevert | undefined> {
    const pending = readPending()
    if (pending?.token !== token) return undefined
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(pending.deadline) - Date.now())))
    const claim = claimPending('revert')
    if (!claim) return undefined
    if (claim.change.token !== token) {
      renameSync(claim.path, PENDING_FILE)
      return undefined
    }
    return revertChange(claim, 'not confirmed in time', targetFromFlags({}), silentProgress)
  }
}
