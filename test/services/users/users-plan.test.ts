import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {profileFor} from '../../../src/lib/distro/profile.js'
import {mergeAccounts} from '../../../src/services/users/merge-accounts.js'
import {planUsersCopy} from '../../../src/services/users/users-plan.js'
import {fixtureTexts} from './account-fixtures.js'

function planFor(distro: 'debian' | 'rhel') {
  const source = fixtureTexts(`main-${distro}`)
  const target = fixtureTexts(`here-${distro}`)
  const merge = mergeAccounts({source, sourceLabel: 'main', target, onConflict: 'renumber'})
  return {merge, plan: planUsersCopy(merge, target, profileFor(distro))}
}

describe('users copy plan', () => {
  it('writes the Debian files with shadow and gshadow 0640 root:shadow, secret, and keeps FILE- backups', () => {
    const {plan} = planFor('debian')
    assert.deepEqual(
      plan.files.map((f) => [f.path, f.mode.toString(8), `${f.owner}:${f.group}`, f.secret === true, f.untracked]),
      [
        ['/etc/passwd', '644', 'root:root', false, true],
        ['/etc/passwd-', '644', 'root:root', false, true],
        ['/etc/shadow', '640', 'root:shadow', true, true],
        ['/etc/shadow-', '640', 'root:shadow', true, true],
        ['/etc/group', '644', 'root:root', false, true],
        ['/etc/group-', '644', 'root:root', false, true],
        ['/etc/gshadow', '640', 'root:shadow', true, true],
        ['/etc/gshadow-', '640', 'root:shadow', true, true],
      ],
    )
    assert.equal(plan.files.find((f) => f.path === '/etc/passwd-')?.content, fixtureTexts('here-debian').passwd)
  })

  it('writes the RHEL shadow files 0000 root:root and restores their SELinux labels', () => {
    const {plan} = planFor('rhel')
    const shadow = plan.files.find((f) => f.path === '/etc/shadow')
    assert.deepEqual([shadow?.mode, shadow?.owner, shadow?.group], [0, 'root', 'root'])
    const restorecon = plan.commands.find((c) => c.description.includes('SELinux'))
    assert.ok(restorecon?.argv.includes('/etc/shadow-'))
  })

  it('checks the result with pwck and grpck on a staged root', () => {
    const {plan} = planFor('debian')
    assert.deepEqual(plan.checks.map((c) => c.argv.join(' ')), ['pwck -qr -R {stage}', 'grpck -qr -R {stage}'])
    assert.ok(plan.checks[0].stageTrees.includes('/etc/gshadow'))
  })

  it('creates a home from /etc/skel for new users only, never over an existing directory', () => {
    const {plan} = planFor('debian')
    const homes = plan.commands.filter((c) => c.argv[0] === 'mkhomedir_helper')
    assert.deepEqual(homes.map((c) => c.argv[1]), ['alice', 'dave', 'frank'])
    assert.deepEqual(homes[0].unlessOk, ['test', '-e', '/home/alice'])
    assert.deepEqual(homes[0].undo, ['rm', '-rf', '--one-file-system', '--', '/home/alice'])
    assert.deepEqual(homes[0].runWhen, ['/etc/passwd'])
  })

  it('plans no backups and no commands when nothing changes', () => {
    const {merge} = planFor('debian')
    const again = mergeAccounts({source: fixtureTexts('main-debian'), sourceLabel: 'main', target: merge.texts, onConflict: 'renumber'})
    const plan = planUsersCopy(again, merge.texts, profileFor('debian'))
    assert.deepEqual(plan.files.map((f) => f.path), ['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/gshadow'])
    assert.deepEqual(plan.commands, [])
  })
})
