import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import {UserError} from '../../lib/errors.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {type AccountSource, sshTargetProblem} from '../../services/users/account-source.js'
import {type CopyUsersResult, copyUsers} from '../../services/users/copy-users.js'
import {CONFLICT_POLICIES} from '../../services/users/merge-accounts.js'

export default class UsersCopy extends MutatingCommand {
  static override summary = 'Copy the regular users and groups of the main server to this machine, passwords included.'
  static override description = `Reads /etc/passwd, shadow, group, gshadow and login.defs of the main server (over ssh, or from copies
in a directory) and merges its regular accounts — the UID_MIN..UID_MAX and GID_MIN..GID_MAX range of the
main server's login.defs, 1000-60000 by default — into this machine's files. System accounts are never
touched. Password hashes are copied as they are. New users get a home directory from /etc/skel.

An account whose name or id is used differently here is a conflict; by default nothing is written and the
conflicts are listed. --on-conflict decides:
  skip        copy everything else; leave the conflicting accounts out
  keep-local  an account with the same name keeps its id here and takes the main server's password,
              comment, shell and groups; an id used here by another name is left out
  renumber    like keep-local, and an account whose id is taken here gets the next free id

The merged files are checked (names and ids used twice, only root with uid 0, then pwck and grpck on a
staged copy) and replaced atomically while holding the account-file lock (/etc/.pwd.lock), keeping the
old files as /etc/passwd-, /etc/shadow-, /etc/group-, /etc/gshadow-.`

  static override examples = [
    {description: 'Copy the users from the main server (key login as root)', command: '<%= config.bin %> <%= command.id %> --from root@main.example.test'},
    {description: 'See who would be added or updated, and any conflicts', command: '<%= config.bin %> <%= command.id %> --from root@main.example.test --dry-run'},
    {description: 'From copies of the files, giving clashing ids new numbers', command: '<%= config.bin %> <%= command.id %> --from-dir /root/main-etc --on-conflict renumber'},
  ]

  static override flags = {
    from: Flags.string({summary: 'The main server, reached with ssh (key login, no prompt).', helpValue: '[USER@]HOST', exclusive: ['from-dir']}),
    'from-dir': Flags.string({summary: 'A directory with copies of the main server\'s passwd, shadow, group (gshadow, login.defs).', helpValue: 'DIR', exclusive: ['from']}),
    'on-conflict': Flags.option({options: CONFLICT_POLICIES, default: 'stop' as const, summary: 'What to do with accounts that clash with local ones.'})(),
    ...mutatingFlags,
  }

  async run(): Promise<CopyUsersResult> {
    const {flags} = await this.parse(UsersCopy)
    let source: AccountSource
    if (flags.from !== undefined) {
      const problem = sshTargetProblem(flags.from)
      if (problem) throw new UserError(problem, 'e.g. --from root@main.example.test')
      source = {kind: 'ssh', host: flags.from}
    } else if (flags['from-dir'] !== undefined) {
      source = {kind: 'dir', dir: flags['from-dir']}
    } else {
      throw new UserError('say where the accounts come from: --from [USER@]HOST or --from-dir DIR')
    }
    const target = targetFromFlags(flags)
    const result = await copyUsers({source, onConflict: flags['on-conflict']}, target, this.progressFor(target), this.commandLine())
    this.printAccounts(result)
    this.printReport(result.apply, target.mode === 'dry-run')
    return result
  }

  private printAccounts(result: CopyUsersResult): void {
    const {uid, gid} = result.ranges
    this.log(`Accounts of ${result.source} (uid ${uid.min}-${uid.max}, gid ${gid.min}-${gid.max}):`)
    for (const u of result.users) {
      this.log(`  user  ${u.action.padEnd(9)} ${u.name.padEnd(16)} ${String(u.uid).padEnd(6)} ${u.groups.length > 0 ? `groups ${u.groups.join(',')}` : ''}${u.detail ? `  (${u.detail})` : ''}`)
    }
    for (const g of result.groups) {
      this.log(`  group ${g.action.padEnd(9)} ${g.name.padEnd(16)} ${String(g.gid).padEnd(6)} ${g.members.length > 0 ? `members ${g.members.join(',')}` : ''}${g.detail ? `  (${g.detail})` : ''}`)
    }
    for (const c of result.conflicts) this.log(`  conflict (${c.resolution}): ${c.message}`)
  }
}
