import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {UserError} from '../../../src/lib/errors.js'
import {firstIssue} from '../../../src/lib/state/validation-message.js'
import {addAlias, removeAlias, setAliases} from '../../../src/services/aliases/alias-edits.js'
import {aliasesSettingsSchema, withLabels} from '../../../src/services/aliases/alias-settings.js'

describe('alias labels', () => {
  it('give each new alias the lowest free eth0:N and never relabel an existing one', () => {
    const labelled = withLabels([{name: 'eth0', aliases: [{address: '198.18.0.10/24'}, {address: '198.18.0.11/24', label: 'eth0:1'}, {address: '198.18.0.12/24'}]}])
    assert.deepEqual(labelled[0].aliases.map((a) => a.label), ['eth0:2', 'eth0:1', 'eth0:3'])
  })
})

describe('alias edits', () => {
  it('add to the named interface, and refuse an address that already is an alias anywhere', () => {
    let interfaces = addAlias([], 'eth0', '198.18.0.10/24')
    interfaces = addAlias(interfaces, 'eth1', '198.18.1.10/24')
    assert.deepEqual(interfaces, [
      {name: 'eth0', aliases: [{address: '198.18.0.10/24', label: 'eth0:1'}]},
      {name: 'eth1', aliases: [{address: '198.18.1.10/24', label: 'eth1:1'}]},
    ])
    assert.throws(() => addAlias(interfaces, 'eth1', '198.18.0.10/16'), (e: unknown) => e instanceof UserError && /198\.18\.0\.10 is already an alias of eth0 \(eth0:1\)/.test(e.message))
    assert.throws(() => addAlias(interfaces, 'eth0', '198.18.0.300/24'), /aliases: '198\.18\.0\.300' is not an IPv4 address/)
  })

  it('remove by address with or without the prefix, keeping the interface listed so its addresses are taken off', () => {
    const interfaces = addAlias(addAlias([], 'eth0', '198.18.0.10/24'), 'eth0', '198.18.0.11/24')
    const {interfaces: left, removed} = removeAlias(interfaces, '198.18.0.10')
    assert.deepEqual(removed, {interface: 'eth0', address: '198.18.0.10/24', label: 'eth0:1'})
    assert.deepEqual(left, [{name: 'eth0', aliases: [{address: '198.18.0.11/24', label: 'eth0:2'}]}])
    assert.deepEqual(removeAlias(left, '198.18.0.11/24').interfaces, [{name: 'eth0', aliases: []}])
    assert.throws(() => removeAlias(left, '198.18.0.99'), /198\.18\.0\.99 is not an alias/)
    assert.throws(() => removeAlias(left, '198.18.0.11/16'), /is an alias with prefix 198\.18\.0\.11\/24, not 198\.18\.0\.11\/16/)
    assert.throws(() => removeAlias(left, '198.18.0.11', 'eth1'), /is not an alias of eth1/)
  })

  it('set the whole list of one interface, keeping the labels of addresses it had', () => {
    const interfaces = addAlias(addAlias([], 'eth0', '198.18.0.10/24'), 'eth0', '198.18.0.11/24')
    assert.deepEqual(setAliases(interfaces, 'eth0', ['198.18.0.11/24', '198.18.0.12/24']), [
      {name: 'eth0', aliases: [{address: '198.18.0.11/24', label: 'eth0:2'}, {address: '198.18.0.12/24', label: 'eth0:1'}]},
    ])
  })
})

describe('aliases settings', () => {
  const problem = (value: unknown) => {
    const result = aliasesSettingsSchema.safeParse(value)
    assert.equal(result.success, false)
    return firstIssue((result as {error: Parameters<typeof firstIssue>[0]}).error, 'aliases')
  }

  it('reject labels that ip would refuse, duplicates, and interfaces too long for a label', () => {
    assert.match(problem({interfaces: [{name: 'eth0', aliases: [{address: '198.18.0.10/24', label: 'eth1:1'}]}]}), /label 'eth1:1' must be eth0:N/)
    assert.match(problem({interfaces: [{name: 'eth0', aliases: [{address: '198.18.0.10/24', label: 'eth0:vip'}]}]}), /must be eth0:N/)
    assert.match(
      problem({interfaces: [{name: 'eth0', aliases: [{address: '198.18.0.10/24', label: 'eth0:1'}, {address: '198.18.0.11/24', label: 'eth0:1'}]}]}),
      /label eth0:1 is used twice/,
    )
    assert.match(problem({interfaces: [{name: 'enp3s0f1np0xyz', aliases: [{address: '198.18.0.10/24'}]}]}), /enp3s0f1np0xyz is too long for alias labels/)
    assert.match(problem({interfaces: [{name: 'eth0', aliases: [{address: '198.18.0.10/24'}]}, {name: 'eth1', aliases: [{address: '198.18.0.10/16'}]}]}), /198\.18\.0\.10 is already an alias of eth0/)
  })
})
