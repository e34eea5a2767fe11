import {accountNameProblem, consistencyProblems, homeProblem, shapeProblems} from './account-checks.js'
import {AccountTable, WIDTH, memberList} from './account-table.js'
import {type AccountRanges, type IdRange, accountRanges, inRange} from './login-defs.js'

/**
 * What to do when an account of the main server meets a different local one:
 * - stop: nothing is written; the conflicts are listed.
 * - skip: the conflicting accounts are not copied; the local ones stay as they are.
 * - keep-local: an account with the same name keeps its local id and gets the
 *   main server's password, comment, shell and groups; an id used here by
 *   another name is not copied.
 * - renumber: like keep-local, and an account whose id is used here by
 *   another name is copied with the next free id.
 */
export type ConflictPolicy = 'stop' | 'skip' | 'keep-local' | 'renumber'

export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['stop', 'skip', 'keep-local', 'renumber']

export interface AccountTexts {
  passwd: string
  shadow: string
  group: string
  /** Absent on systems without gshadow (then srvctl does not create one). */
  gshadow?: string
}

export interface MergeInput {
  source: AccountTexts & {loginDefs?: string}
  /** Where the source came from, for messages: "main.example.test", "/srv/copies". */
  sourceLabel: string
  target: AccountTexts & {loginDefs?: string}
  onConflict: ConflictPolicy
}

export type AccountAction = 'add' | 'update' | 'unchanged' | 'skip'

export interface UserOutcome {
  name: string
  action: AccountAction
  /** The uid here after the merge (the main server's uid when skipped). */
  uid: number
  sourceUid: number
  /** Primary group first, then supplementary groups, as they are here after the merge. */
  groups: string[]
  home: string
  detail?: string
}

export interface GroupOutcome {
  name: string
  action: AccountAction
  gid: number
  sourceGid: number
  members: string[]
  detail?: string
}

export interface Conflict {
  account: 'user' | 'group'
  /** name: same name, other id; id: same id, other name; system: a system account here (never touched). */
  kind: 'name' | 'id' | 'system'
  name: string
  message: string
  resolution: 'unresolved' | 'skipped' | 'kept the local id' | 'renumbered'
}

export interface MergeResult {
  texts: AccountTexts
  changed: {passwd: boolean; shadow: boolean; group: boolean; gshadow: boolean}
  /** The main server's regular ranges: what is copied. */
  ranges: AccountRanges
  users: UserOutcome[]
  groups: GroupOutcome[]
  conflicts: Conflict[]
  notes: string[]
  /** Consistency problems the merge would add (duplicate ids, a second uid 0): nothing may be written then. */
  problems: string[]
}

/** The main server's files cannot be used as they are. */
export class SourceProblem extends Error {}

interface Decision {
  fields: string[]
  sourceId: number
  action: AccountAction
  /** The id here; undefined while a renumbered id is still to be allocated. */
  id?: number
  renumber?: boolean
  detail?: string
}

function tables(texts: AccountTexts, where: string) {
  return {
    passwd: new AccountTable(`/etc/passwd ${where}`, texts.passwd, WIDTH.passwd),
    shadow: new AccountTable(`/etc/shadow ${where}`, texts.shadow, WIDTH.shadow),
    group: new AccountTable(`/etc/group ${where}`, texts.group, WIDTH.group),
    gshadow: texts.gshadow === undefined ? undefined : new AccountTable(`/etc/gshadow ${where}`, texts.gshadow, WIDTH.gshadow),
  }
}

function sourceProblems(source: ReturnType<typeof tables>, ranges: AccountRanges): string[] {
  const problems = [
    ...shapeProblems(source.passwd, [2, 3]),
    ...shapeProblems(source.shadow, []),
    ...shapeProblems(source.group, [2]),
    ...(source.gshadow ? shapeProblems(source.gshadow, []) : []),
  ]
  if (problems.length > 0) return problems
  const users = source.passwd.entries().filter((u) => inRange(Number(u[2]), ranges.uid))
  const groups = source.group.entries().filter((g) => inRange(Number(g[2]), ranges.gid))
  for (const [kind, entries] of [
    ['user', users],
    ['group', groups],
  ] as const) {
    const names = new Set<string>()
    const ids = new Set<string>()
    for (const e of entries) {
      const nameProblem = accountNameProblem(e[0])
      if (nameProblem) problems.push(`${kind} ${nameProblem}`)
      if (names.has(e[0])) problems.push(`${kind} ${e[0]} is listed twice`)
      if (ids.has(e[2])) problems.push(`${kind === 'user' ? 'uid' : 'gid'} ${e[2]} is used twice`)
      names.add(e[0])
      ids.add(e[2])
    }
  }
  for (const u of users) {
    const problem = homeProblem(u[5])
    if (problem) problems.push(`user ${u[0]}: ${problem}`)
  }
  return problems
}

/** Like useradd: one above the highest id in use in the range, else the lowest free one. */
function allocate(used: Set<number>, range: IdRange, prefer?: number): number | undefined {
  if (prefer !== undefined && inRange(prefer, range) && !used.has(prefer)) return prefer
  const highest = Math.max(range.min - 1, ...[...used].filter((id) => inRange(id, range)))
  if (highest < range.max) return highest + 1
  for (let id = range.min; id <= range.max; id++) if (!used.has(id)) return id
  return undefined
}

function union(first: string[], second: string[]): string[] {
  return [...new Set([...first, ...second])]
}

/**
 * Merges the main server's regular users and groups into this machine's
 * account files. Pure: texts in, texts and a report out. Local lines are kept
 * as they are (order, comments, system accounts); new accounts are appended.
 */
export function mergeAccounts(input: MergeInput): MergeResult {
  const from = `on ${input.sourceLabel}`
  let ranges: AccountRanges
  try {
    ranges = accountRanges(input.source.loginDefs, `/etc/login.defs ${from}`)
  } catch (error) {
    throw new SourceProblem((error as Error).message)
  }
  const notes: string[] = []
  let localRanges: AccountRanges
  try {
    localRanges = accountRanges(input.target.loginDefs, '/etc/login.defs here')
  } catch (error) {
    notes.push(`${(error as Error).message}: using 1000-60000 to tell system accounts here`)
    localRanges = accountRanges(undefined, '')
  }
  const source = tables(input.source, from)
  const problems = sourceProblems(source, ranges)
  if (problems.length > 0) throw new SourceProblem(problems[0])

  const before = consistencyProblems(tables(input.target, 'here'))
  const here = tables(input.target, 'here')
  const dirty = {passwd: false, shadow: false, group: false, gshadow: false}
  const conflicts: Conflict[] = []
  const policy = input.onConflict

  const conflict = (account: Conflict['account'], kind: Conflict['kind'], name: string, message: string): Conflict['resolution'] => {
    let resolution: Conflict['resolution']
    if (kind === 'system') resolution = 'skipped'
    else if (policy === 'stop') resolution = 'unresolved'
    else if (kind === 'name') resolution = policy === 'skip' ? 'skipped' : 'kept the local id'
    else resolution = policy === 'renumber' ? 'renumbered' : 'skipped'
    conflicts.push({account, kind, name, message, resolution})
    return resolution
  }

  // Decide each account the same way for users and groups: same name, same id, or neither.
  const decide = (account: 'user' | 'group', entry: string[], local: AccountTable, range: IdRange): Decision => {
    const name = entry[0]
    const id = Number(entry[2])
    const idWord = account === 'user' ? 'uid' : 'gid'
    const mine = local.get(name)
    if (mine) {
      const localId = Number(mine[2])
      if (!inRange(localId, range)) {
        conflict(account, 'system', name, `${account} ${name} is a system account here (${idWord} ${localId}) and is never changed`)
        return {fields: entry, sourceId: id, action: 'skip', detail: `system account here (${idWord} ${localId})`}
      }
      if (localId === id) return {fields: entry, sourceId: id, action: 'update', id}
      const message = `${account} ${name} is ${idWord} ${id} on ${input.sourceLabel} and ${idWord} ${localId} here`
      const resolution = conflict(account, 'name', name, message)
      if (resolution === 'kept the local id') return {fields: entry, sourceId: id, action: 'update', id: localId, detail: `keeps ${idWord} ${localId} here (${id} there)`}
      return {fields: entry, sourceId: id, action: 'skip', detail: message}
    }
    const holder = local.entries().find((e) => Number(e[2]) === id)
    if (holder) {
      const message = `${idWord} ${id} is ${account} ${name} on ${input.sourceLabel} and ${holder[0]} here`
      const resolution = conflict(account, 'id', name, message)
      if (resolution === 'renumbered') return {fields: entry, sourceId: id, action: 'add', renumber: true, detail: `renumbered: ${idWord} ${id} is ${holder[0]} here`}
      return {fields: entry, sourceId: id, action: 'skip', detail: message}
    }
    return {fields: entry, sourceId: id, action: 'add', id}
  }

  // Groups first: a user's primary group must be known before the user.
  const sourceGroups = source.group.entries()
  const groups = sourceGroups.filter((g) => inRange(Number(g[2]), ranges.gid)).map((g) => decide('group', g, here.group, localRanges.gid))
  const usedGids = new Set([...here.group.entries().map((g) => Number(g[2])), ...groups.filter((g) => g.id !== undefined).map((g) => g.id as number)])
  for (const g of groups.filter((d) => d.renumber)) {
    g.id = allocate(usedGids, localRanges.gid)
    if (g.id === undefined) {
      g.action = 'skip'
      g.detail = `no free gid in ${localRanges.gid.min}-${localRanges.gid.max}`
    } else {
      usedGids.add(g.id)
      g.detail = `${g.detail}; gid ${g.id} here`
    }
  }
  const groupDecision = new Map(groups.map((g) => [g.fields[0], g]))

  /** The gid a copied user's primary group has here, or why it has none. */
  const primaryGid = (user: string[]): number | string => {
    const group = sourceGroups.find((g) => g[2] === user[3])
    if (!group) return `primary gid ${user[3]} has no group on ${input.sourceLabel}`
    const decision = groupDecision.get(group[0])
    if (decision) return decision.action === 'skip' || decision.id === undefined ? `primary group ${group[0]} is not copied` : decision.id
    const local = here.group.get(group[0])
    return local ? Number(local[2]) : `primary group ${group[0]} (gid ${group[2]}) does not exist here`
  }

  const users = source.passwd.entries().filter((u) => inRange(Number(u[2]), ranges.uid)).map((u) => decide('user', u, here.passwd, localRanges.uid))
  const primary = new Map<string, number>()
  for (const u of users.filter((d) => d.action === 'add')) {
    const gid = primaryGid(u.fields)
    if (typeof gid === 'string') {
      u.action = 'skip'
      u.detail = gid
    } else {
      primary.set(u.fields[0], gid)
    }
  }
  const usedUids = new Set([...here.passwd.entries().map((u) => Number(u[2])), ...users.filter((u) => u.action === 'add' && u.id !== undefined).map((u) => u.id as number)])
  for (const u of users.filter((d) => d.action === 'add' && d.renumber)) {
    // A user and its private group renumbered together keep equal ids when they can.
    const ownGroup = groupDecision.get(u.fields[0])
    u.id = allocate(usedUids, localRanges.uid, ownGroup?.renumber ? ownGroup.id : undefined)
    if (u.id === undefined) {
      u.action = 'skip'
      u.detail = `no free uid in ${localRanges.uid.min}-${localRanges.uid.max}`
    } else {
      usedUids.add(u.id)
      u.detail = `${u.detail}; uid ${u.id} here`
    }
  }

  // Users: new ones appended with the main server's password hash; existing
  // ones keep their id, primary group and home, and take the password, comment and shell.
  const userOutcomes: UserOutcome[] = []
  const membershipBefore = (name: string) => here.group.entries().filter((g) => memberList(g[3]).includes(name)).map((g) => g[0])
  const groupsBefore = new Map(users.map((u) => [u.fields[0], membershipBefore(u.fields[0])]))
  for (const u of users) {
    const [name, password, , , gecos, home, shell] = u.fields
    const sourceShadow = source.shadow.get(name)
    if (u.action === 'skip') {
      userOutcomes.push({name, action: 'skip', uid: u.sourceId, sourceUid: u.sourceId, groups: [], home, detail: u.detail})
      continue
    }
    if (u.action === 'add') {
      here.passwd.put([name, 'x', String(u.id), String(primary.get(name)), gecos, home, shell])
      dirty.passwd = true
      if (sourceShadow) {
        here.shadow.put([name, ...sourceShadow.slice(1)])
      } else {
        // A hash kept in passwd moves to shadow; no hash at all means a locked account, never an open one.
        const hash = password !== 'x' && password !== '' ? password : '!'
        here.shadow.put([name, hash, '', '', '', '', '', '', ''])
        if (hash === '!') notes.push(`${name} has no password on ${input.sourceLabel}: copied with a locked password`)
      }
      dirty.shadow = true
      userOutcomes.push({name, action: 'add', uid: u.id as number, sourceUid: u.sourceId, groups: [], home, detail: u.detail})
      continue
    }
    const local = here.passwd.get(name) as string[]
    const changes: string[] = []
    const passwd = [name, local[1], local[2], local[3], gecos, local[5], shell]
    if (gecos !== local[4]) changes.push('comment')
    if (shell !== local[6]) changes.push('shell')
    if (changes.length > 0) {
      here.passwd.put(passwd)
      dirty.passwd = true
    }
    const localShadow = here.shadow.get(name)
    if (sourceShadow) {
      const next = [name, ...sourceShadow.slice(1)]
      if (localShadow?.[1] !== next[1]) changes.unshift('password')
      else if (localShadow.join(':') !== next.join(':')) changes.push('password ageing')
      if (localShadow?.join(':') !== next.join(':')) {
        here.shadow.put(next)
        dirty.shadow = true
      }
    }
    const detail = [u.detail, changes.length > 0 ? `changes ${changes.join(', ')}` : undefined].filter(Boolean).join('; ')
    userOutcomes.push({name, action: changes.length > 0 ? 'update' : 'unchanged', uid: Number(local[2]), sourceUid: u.sourceId, groups: [], home: local[5], detail: detail || undefined})
  }

  // Groups: members are the main server's members that exist here, added to the local ones.
  const exists = (name: string) => here.passwd.has(name)
  const groupOutcomes: GroupOutcome[] = []
  for (const g of groups) {
    const [name, password, , memberField] = g.fields
    if (g.action === 'skip' || g.id === undefined) {
      groupOutcomes.push({name, action: 'skip', gid: g.sourceId, sourceGid: g.sourceId, members: [], detail: g.detail})
      continue
    }
    const wanted = memberList(memberField)
    const missing = wanted.filter((m) => !exists(m))
    if (missing.length > 0) notes.push(`group ${name}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not copied, so not a member here`)
    const copied = wanted.filter(exists)
    const sourceGshadow = source.gshadow?.get(name)
    const admins = memberList(sourceGshadow?.[2]).filter(exists)
    const local = here.group.get(name)
    const members = union(memberList(local?.[3]), copied)
    const fields = [name, local?.[1] ?? password, String(g.id), members.join(',')]
    let changed = local?.join(':') !== fields.join(':')
    if (changed) {
      here.group.put(fields)
      dirty.group = true
    }
    if (here.gshadow) {
      const localGs = here.gshadow.get(name)
      const gsFields = [
        name,
        localGs?.[1] ?? sourceGshadow?.[1] ?? '!',
        union(memberList(localGs?.[2]), admins).join(','),
        union(memberList(localGs?.[3]), copied).join(','),
      ]
      if (localGs?.join(':') !== gsFields.join(':')) {
        here.gshadow.put(gsFields)
        dirty.gshadow = true
        changed = true
      }
    }
    const action: AccountAction = g.action === 'add' ? 'add' : changed ? 'update' : 'unchanged'
    const detail = [g.detail, action === 'update' ? 'adds members' : undefined].filter(Boolean).join('; ')
    groupOutcomes.push({name, action, gid: g.id, sourceGid: g.sourceId, members, detail: detail || undefined})
  }

  // Each copied user's groups as they are now, and what the main server had that is not copied.
  const gidNames = new Map(here.group.entries().map((g) => [g[2], g[0]]))
  const systemGroups = sourceGroups.filter((g) => !inRange(Number(g[2]), ranges.gid))
  for (const outcome of userOutcomes) {
    if (outcome.action === 'skip') continue
    const entry = here.passwd.get(outcome.name) as string[]
    const supplementary = here.group.entries().filter((g) => memberList(g[3]).includes(outcome.name)).map((g) => g[0])
    outcome.groups = union([gidNames.get(entry[3]) ?? entry[3]], supplementary)
    if (outcome.action === 'unchanged' && supplementary.join() !== (groupsBefore.get(outcome.name) ?? []).join()) {
      outcome.action = 'update'
      outcome.detail = [outcome.detail, 'changes groups'].filter(Boolean).join('; ')
    }
    const system = systemGroups.filter((g) => memberList(g[3]).includes(outcome.name)).map((g) => g[0])
    if (system.length > 0) notes.push(`${outcome.name} is in ${system.join(', ')} on ${input.sourceLabel}: system groups are not changed here`)
  }

  const texts: AccountTexts = {
    passwd: dirty.passwd ? here.passwd.text() : input.target.passwd,
    shadow: dirty.shadow ? here.shadow.text() : input.target.shadow,
    group: dirty.group ? here.group.text() : input.target.group,
    gshadow: here.gshadow && dirty.gshadow ? here.gshadow.text() : input.target.gshadow,
  }
  const after = consistencyProblems(here)
  return {
    texts,
    changed: dirty,
    ranges,
    users: userOutcomes,
    groups: groupOutcomes,
    conflicts,
    notes,
    problems: after.filter((p) => !before.includes(p)),
  }
}
