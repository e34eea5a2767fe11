import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {AccountTable, WIDTH} from '../../../src/services/users/account-table.js'
import {consistencyProblems} from '../../../src/services/users/account-checks.js'
import {type ConflictPolicy, type MergeResult, SourceProblem, mergeAccounts} from '../../../src/services/users/merge-accounts.js'
import {fixtureTexts, lineOf} from './account-fixtures.js'

const main = fixtureTexts('main-debian')
const here = fixtureTexts('here-debian')

function merge(onConflict: ConflictPolicy, source = main, target = here): MergeResult {
  return mergeAccounts({source, sourceLabel: 'main', target, onConflict})
}

const action = (result: MergeResult, kind: 'users' | 'groups', name: string) => result[kind].find((o) => o.name === name)

function assertLocalLinesKept(before: string, after: string, changed: string[]): void {
  const afterLines = after.split('\n')
  for (const line of before.trim().split('\n')) {
    if (changed.some((n) => line.startsWith(`${n}:`))) continue
    assert.ok(afterLines.includes(line), `local line kept: ${line}`)
  }
}

describe('mergeAccounts', () => {
  it('adds new users with the main server\'s hash and updates same-uid users in place', () => {
    const result = merge('renumber')
    assert.equal(action(result, 'users', 'alice')?.action, 'add')
    assert.equal(lineOf(result.texts.passwd, 'alice'), 'alice:x:1001:1001:Alice Admin,,,:/home/alice:/bin/bash')
    assert.equal(lineOf(result.texts.shadow, 'alice'), lineOf(main.shadow, 'alice'))
    // bob keeps uid, primary group and home here; takes password, comment and shell.
    assert.equal(action(result, 'users', 'bob')?.detail, 'changes password, comment, shell')
    assert.equal(lineOf(result.texts.passwd, 'bob'), 'bob:x:1002:1002:Bob Builder,,,:/home/bob:/bin/bash')
    assert.equal(lineOf(result.texts.shadow, 'bob'), lineOf(main.shadow, 'bob'))
  })

  it('never touches a system account here, whatever the policy', () => {
    for (const policy of ['stop', 'skip', 'keep-local', 'renumber'] as const) {
      const result = merge(policy)
      assert.equal(action(result, 'users', 'postgres')?.action, 'skip')
      assert.equal(lineOf(result.texts.passwd, 'postgres'), lineOf(here.passwd, 'postgres'))
      assert.equal(lineOf(result.texts.group, 'postgres'), 'postgres:x:104:')
      assert.deepEqual(result.conflicts.filter((c) => c.kind === 'system').map((c) => c.resolution), ['skipped', 'skipped'])
      // Everything below the regular range stays byte for byte.
      for (const name of ['root', 'daemon', 'www-data', 'nobody', 'sudo', 'users', 'shadow']) {
        assert.equal(lineOf(result.texts.group, name), lineOf(here.group, name))
      }
    }
  })

  it('leaves every conflict unresolved by default', () => {
    const result = merge('stop')
    assert.deepEqual(
      result.conflicts.filter((c) => c.resolution === 'unresolved').map((c) => `${c.account} ${c.kind} ${c.name}`),
      ['group name carol', 'group id dave', 'group name devs', 'group id media', 'user name carol', 'user id dave'],
    )
    assert.equal(result.conflicts.find((c) => c.account === 'user' && c.name === 'carol')?.message, 'user carol is uid 1003 on main and uid 1010 here')
    assert.equal(result.conflicts.find((c) => c.account === 'user' && c.name === 'dave')?.message, 'uid 1004 is user dave on main and erin here')
  })

  it('skip: copies the rest and leaves the clashing accounts as they are', () => {
    const result = merge('skip')
    for (const name of ['carol', 'dave']) assert.equal(action(result, 'users', name)?.action, 'skip')
    for (const name of ['devs', 'media', 'dave']) assert.equal(action(result, 'groups', name)?.action, 'skip')
    assert.equal(lineOf(result.texts.passwd, 'carol'), lineOf(here.passwd, 'carol'))
    assert.equal(lineOf(result.texts.shadow, 'carol'), lineOf(here.shadow, 'carol'))
    assert.equal(lineOf(result.texts.group, 'devs'), 'devs:x:2005:erin')
    assert.equal(lineOf(result.texts.passwd, 'dave'), undefined)
    assert.equal(lineOf(result.texts.group, 'projects'), 'projects:x:2000:alice,bob')
    assert.equal(action(result, 'users', 'frank')?.action, 'add')
    assertLocalLinesKept(here.passwd, result.texts.passwd, ['bob'])
  })

  it('keep-local: a same-name account keeps its local id and takes the password; an id clash is left out', () => {
    const result = merge('keep-local')
    assert.deepEqual(action(result, 'users', 'carol'), {
      name: 'carol',
      action: 'update',
      uid: 1010,
      sourceUid: 1003,
      groups: ['carol', 'devs'],
      home: '/home/carol',
      detail: 'keeps uid 1010 here (1003 there); changes password, comment',
    })
    assert.equal(lineOf(result.texts.passwd, 'carol'), 'carol:x:1010:1010:Carol Clash,,,:/home/carol:/bin/bash')
    assert.equal(lineOf(result.texts.shadow, 'carol'), lineOf(main.shadow, 'carol'))
    assert.equal(lineOf(result.texts.group, 'devs'), 'devs:x:2005:erin,carol,bob')
    assert.equal(lineOf(result.texts.gshadow, 'devs'), 'devs:!::erin,carol,bob')
    assert.equal(action(result, 'users', 'dave')?.action, 'skip')
    assert.equal(action(result, 'groups', 'media')?.action, 'skip')
    assert.equal(lineOf(result.texts.passwd, 'erin'), lineOf(here.passwd, 'erin'))
  })

  it('renumber: an id clash gets the next free id, a user with its private group keeps them equal', () => {
    const result = merge('renumber')
    assert.equal(lineOf(result.texts.group, 'dave'), 'dave:x:2006:')
    assert.equal(lineOf(result.texts.passwd, 'dave'), 'dave:x:2006:2006:Dave Renumbered,,,:/home/dave:/bin/bash')
    assert.equal(lineOf(result.texts.group, 'media'), 'media:x:2007:alice,frank')
    assert.equal(lineOf(result.texts.group, 'projects'), 'projects:x:2000:alice,bob,dave')
    assert.equal(lineOf(result.texts.gshadow, 'projects'), 'projects:!:alice:alice,bob,dave')
    assert.deepEqual(result.users.find((u) => u.name === 'alice')?.groups, ['alice', 'projects', 'media'])
    assert.equal(action(result, 'users', 'dave')?.detail, 'renumbered: uid 1004 is erin here; uid 2006 here')
  })

  it('maps a primary group outside the range by name (frank is in users)', () => {
    const result = merge('skip')
    assert.equal(lineOf(result.texts.passwd, 'frank'), 'frank:x:1006:100:Frank Users,,,:/home/frank:/bin/sh')
    assert.ok(result.notes.includes('alice is in adm, sudo on main: system groups are not changed here'))
    assert.equal(lineOf(result.texts.group, 'sudo'), 'sudo:x:27:')
  })

  it('keeps the local files consistent and appends, never reorders', () => {
    for (const policy of ['skip', 'keep-local', 'renumber'] as const) {
      const result = merge(policy)
      assert.deepEqual(result.problems, [])
      const tables = {
        passwd: new AccountTable('p', result.texts.passwd, WIDTH.passwd),
        shadow: new AccountTable('s', result.texts.shadow, WIDTH.shadow),
        group: new AccountTable('g', result.texts.group, WIDTH.group),
        gshadow: new AccountTable('gs', result.texts.gshadow as string, WIDTH.gshadow),
      }
      assert.deepEqual(consistencyProblems(tables), [])
      const users = tables.passwd.entries().map((e) => e[0])
      assert.deepEqual(tables.shadow.entries().map((e) => e[0]).sort(), [...users].sort())
      assert.deepEqual(users.slice(0, 11), here.passwd.trim().split('\n').map((l) => l.split(':')[0]))
    }
  })

  it('changes nothing when merged again', () => {
    const first = merge('renumber')
    const again = merge('renumber', main, {...first.texts, loginDefs: here.loginDefs})
    assert.deepEqual(again.changed, {passwd: false, shadow: false, group: false, gshadow: false})
    assert.deepEqual(again.users.filter((u) => u.action === 'add' || u.action === 'update'), [])
    assert.equal(again.texts.passwd, first.texts.passwd)
  })

  it('copies only the main server\'s UID_MIN..UID_MAX range', () => {
    const narrow = {...main, loginDefs: 'UID_MIN 1002\nUID_MAX 1003\nGID_MIN 2000\nGID_MAX 2000\n'}
    const result = merge('skip', narrow)
    assert.deepEqual(result.users.map((u) => u.name), ['bob', 'carol'])
    assert.deepEqual(result.groups.map((g) => g.name), ['projects'])
    assert.deepEqual(result.ranges, {uid: {min: 1002, max: 1003}, gid: {min: 2000, max: 2000}})
  })

  it('copies RHEL accounts into a RHEL machine and keeps its own users', () => {
    const result = mergeAccounts({source: fixtureTexts('main-rhel'), sourceLabel: 'main', target: fixtureTexts('here-rhel'), onConflict: 'stop'})
    assert.deepEqual(result.conflicts, [])
    assert.deepEqual(result.users.map((u) => [u.name, u.action, u.uid]), [['alice', 'add', 1001], ['bob', 'add', 1002]])
    assert.equal(lineOf(result.texts.shadow, 'alice'), lineOf(fixtureTexts('main-rhel').shadow, 'alice'))
    assert.equal(lineOf(result.texts.passwd, 'zoe'), 'zoe:x:1000:1000:Zoe Local:/home/zoe:/bin/bash')
    assert.ok(result.notes.includes('alice is in wheel on main: system groups are not changed here'))
    assert.equal(lineOf(result.texts.group, 'wheel'), 'wheel:x:10:')
  })

  it('locks an account that has no shadow entry on the main server', () => {
    const source = {...main, shadow: main.shadow.split('\n').filter((l) => !l.startsWith('alice:')).join('\n')}
    const result = merge('skip', source)
    assert.equal(lineOf(result.texts.shadow, 'alice'), 'alice:!:::::::')
    assert.ok(result.notes.includes('alice has no password on main: copied with a locked password'))
  })

  it('writes no gshadow where the machine has none', () => {
    const result = merge('skip', main, {...here, gshadow: undefined})
    assert.equal(result.texts.gshadow, undefined)
    assert.equal(result.changed.gshadow, false)
  })

  it('rejects main server files it cannot trust, naming the line', () => {
    const bad: [string, Partial<typeof main>, RegExp][] = [
      ['a short passwd line', {passwd: `${main.passwd}mallory:x:1007\n`}, /^\/etc\/passwd on main line 14: expected 7 fields, found 3$/],
      ['a non-numeric uid', {passwd: `${main.passwd}mallory:x:10o7:1007::/home/m:/bin/sh\n`}, /line 14: '10o7' is not a valid id/],
      ['a uid used twice', {passwd: `${main.passwd}mallory:x:1001:1001::/home/m:/bin/sh\n`}, /^uid 1001 is used twice$/],
      ['a home outside the tree', {passwd: `${main.passwd}mallory:x:1007:1001::/home/../etc:/bin/sh\n`}, /^user mallory: home '\/home\/\.\.\/etc' is not a plain absolute path$/],
      ['a bad name', {passwd: `${main.passwd}mal lory:x:1007:1001::/home/x:/bin/sh\n`}, /^user 'mal lory' is not a valid account name$/],
      ['a login.defs range upside down', {loginDefs: 'UID_MIN 5000\nUID_MAX 1000\n'}, /UID_MIN 5000 is above UID_MAX 1000/],
    ]
    for (const [label, change, expected] of bad) {
      assert.throws(() => merge('skip', {...main, ...change}), (error: unknown) => error instanceof SourceProblem && expected.test(error.message), label)
    }
  })
})

describe('consistencyProblems', () => {
  it('finds duplicate names and ids and a second uid 0, which pwck does not', () => {
    const table = (text: string, width: number) => new AccountTable('t', text, width)
    const problems = consistencyProblems({
      passwd: table('root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\na:x:1000:1000::/h:/bin/sh\nb:x:1000:1000::/h:/bin/sh\na:x:1001:1000::/h:/bin/sh\n', 7),
      shadow: table('a:!:::::::\na:!:::::::\n', 9),
      group: table('g:x:1000:\nh:x:1000:\n', 4),
    })
    assert.deepEqual(problems, [
      'user name a is used twice in /etc/passwd',
      'uid 0 is used by root and toor',
      'uid 1000 is used by a and b',
      'toor has uid 0 (only root may)',
      'gid 1000 is used by g and h',
      'a has two entries in /etc/shadow',
    ])
  })
})
