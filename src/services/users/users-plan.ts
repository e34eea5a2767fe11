import type {DistroProfile} from '../../lib/distro/profile.js'
import {type Plan, type PlannedFile, emptyPlan} from '../../lib/plan/plan-types.js'
import type {AccountTexts, MergeResult} from './merge-accounts.js'

type AccountFile = keyof AccountTexts

const PATHS: Record<AccountFile, string> = {passwd: '/etc/passwd', shadow: '/etc/shadow', group: '/etc/group', gshadow: '/etc/gshadow'}
const SECRET = new Set<AccountFile>(['shadow', 'gshadow'])

/** Everything pwck and grpck read, copied into the stage beside the new files. */
const STAGED = ['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/gshadow', '/etc/login.defs']

function ownership(file: AccountFile, profile: DistroProfile): Pick<PlannedFile, 'mode' | 'owner' | 'group'> {
  // Debian: shadow and gshadow 0640 root:shadow; RHEL: 0000 root:root (only root reads them).
  return SECRET.has(file) ? {mode: profile.shadowMode, owner: 'root', group: profile.shadowGroup} : {mode: 0o644, owner: 'root', group: 'root'}
}

/**
 * The merged account files as a plan: each changed file with a `FILE-`
 * backup of what it was (as shadow-utils keeps), the shadow files secret,
 * pwck and grpck on a staged root, and a home directory from /etc/skel for
 * each new user (only when nothing is there yet).
 */
export function planUsersCopy(merge: MergeResult, before: AccountTexts, profile: DistroProfile): Plan {
  const plan = emptyPlan('users', profile.id)
  const files = (Object.keys(PATHS) as AccountFile[]).filter((f) => merge.texts[f] !== undefined)
  for (const file of files) {
    const own = ownership(file, profile)
    const secret = SECRET.has(file) || undefined
    // Unchanged files are planned too, so a wrong mode or owner is put right.
    plan.files.push({path: PATHS[file], content: merge.texts[file] as string, ...own, secret, untracked: true})
    if (merge.changed[file] && before[file] !== undefined) {
      plan.files.push({path: `${PATHS[file]}-`, content: before[file] as string, ...own, secret, untracked: true})
    }
  }
  plan.checks.push(
    {description: 'pwck (passwd and shadow)', argv: ['pwck', '-qr', '-R', '{stage}'], stageTrees: STAGED},
    {description: 'grpck (group and gshadow)', argv: ['grpck', '-qr', '-R', '{stage}'], stageTrees: STAGED},
  )
  const changedPaths = files.filter((f) => merge.changed[f]).map((f) => PATHS[f])
  if (profile.id === 'rhel' && changedPaths.length > 0) {
    const labelled = plan.files.map((f) => f.path)
    plan.commands.push({
      description: 'Restore the SELinux labels of the account files',
      argv: ['sh', '-c', 'if command -v restorecon >/dev/null 2>&1; then restorecon "$@"; fi', 'sh', ...labelled],
      runWhen: changedPaths,
    })
  }
  if (merge.changed.passwd || merge.changed.group) {
    plan.commands.push({
      description: 'Drop the users and groups nscd has cached',
      argv: ['sh', '-c', 'if command -v nscd >/dev/null 2>&1 && nscd -g >/dev/null 2>&1; then nscd -i passwd; nscd -i group; fi; exit 0'],
      runWhen: ['/etc/passwd', '/etc/group'],
    })
  }
  for (const user of merge.users.filter((u) => u.action === 'add')) {
    if (user.home === '/' || user.home === '/nonexistent') continue
    plan.commands.push({
      description: `Create ${user.home} for ${user.name} from /etc/skel`,
      // pam's helper: looks the user up, copies /etc/skel, owner user:primary group, mode 0700.
      argv: ['mkhomedir_helper', user.name, '0022', '/etc/skel', '0700'],
      runWhen: ['/etc/passwd'],
      undo: ['rm', '-rf', '--one-file-system', '--', user.home],
      // An existing directory (a leftover of an old account) is never taken over or removed.
      unlessOk: ['test', '-e', user.home],
    })
  }
  plan.notes.push(...merge.notes)
  return plan
}
