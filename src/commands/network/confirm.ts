import {BaseCommand} from '../../lib/base-command.js'
import {UserError} from '../../lib/errors.js'
import {stopRevertTimer} from '../../services/network/network-revert.js'
import {claimPending, dropClaim, readLastRevert} from '../../services/network/pending-change.js'

export interface ConfirmResult {
  confirmed: string
  startedAt: string
}

export default class NetworkConfirm extends BaseCommand {
  static override summary = 'Keep the network change that is waiting for confirmation.'
  static override description = `\`srvctl enable network\` applies a change with a timer: unless it is confirmed in time, the previous
addresses, routes, host name and files come back by themselves. Run this (from the same or a new session)
once you know the machine is still reachable.`

  static override examples = ['<%= config.bin %> network confirm']

  async run(): Promise<ConfirmResult> {
    await this.parse(NetworkConfirm)
    const claim = claimPending('confirm')
    if (!claim) {
      const last = readLastRevert()
      throw new UserError(
        'no network change is waiting for confirmation',
        last ? `the last one (started ${last.startedAt}) was reverted at ${last.revertedAt}: ${last.reason}` : 'changes made with `srvctl enable network` wait here',
        'nothing-pending',
      )
    }
    stopRevertTimer(claim.change.timer, claim.change.token)
    dropClaim(claim)
    this.log(`Confirmed: ${claim.change.command} stays.`)
    return {confirmed: claim.change.command, startedAt: claim.change.startedAt}
  }
}
