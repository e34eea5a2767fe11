import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  closestOptionName,
  lookupOption,
  OPTION_TABLE,
  optionByCode,
  optionByName,
  relaySubOptionCode,
} from '../../../src/dhcp/codec/option-table.js'

describe('option table', () => {
  it('has every RFC 2132 option: 0-61 and 64-76, plus 255', () => {
    const missing: number[] = []
    for (let code = 0; code <= 76; code++) {
      if (code === 62 || code === 63) continue // RFC 2242, not RFC 2132
      if (!optionByCode(code)) missing.push(code)
    }
    assert.deepEqual(missing, [])
    assert.equal(optionByCode(255)?.name, 'end')
  })

  it('has the later options small networks use', () => {
    for (const [code, name] of [
      [81, 'client-fqdn'],
      [82, 'relay-agent-information'],
      [116, 'auto-configure'],
      [118, 'subnet-selection'],
      [119, 'domain-search'],
      [121, 'classless-static-routes'],
      [150, 'tftp-server-address'],
      [249, 'ms-classless-static-routes'],
      [252, 'wpad'],
    ] as const) {
      assert.equal(optionByCode(code)?.name, name)
    }
  })

  it('uses unique codes and unique kebab-case names', () => {
    const codes = OPTION_TABLE.map((entry) => entry.code)
    assert.equal(new Set(codes).size, codes.length)
    for (const entry of OPTION_TABLE) {
      for (const name of [entry.name, ...entry.aliases]) assert.match(name, /^[a-z0-9][a-z0-9+-]*$/, name)
    }
  })

  it('states the RFC length constraints', () => {
    assert.deepEqual(pick(1), {minLength: 4, maxLength: 4, multipleOf: 1}) // subnet mask
    assert.deepEqual(pick(3), {minLength: 4, maxLength: undefined, multipleOf: 4}) // router
    assert.deepEqual(pick(21), {minLength: 8, maxLength: undefined, multipleOf: 8}) // policy filter
    assert.deepEqual(pick(25), {minLength: 2, maxLength: undefined, multipleOf: 2}) // MTU plateau table
    assert.deepEqual(pick(12), {minLength: 1, maxLength: undefined, multipleOf: 1}) // host name
    assert.deepEqual(pick(61), {minLength: 2, maxLength: undefined, multipleOf: 1}) // client id
    assert.deepEqual(pick(68), {minLength: 0, maxLength: undefined, multipleOf: 4}) // home agents: may be empty
    assert.deepEqual(pick(80), {minLength: 0, maxLength: 0, multipleOf: 1}) // rapid commit
    assert.equal(optionByCode(26)?.minValue, 68) // MTU
    assert.equal(optionByCode(57)?.minValue, 576) // max message size
  })

  it('finds options by name, alias (any case) and code', () => {
    assert.equal(optionByName('router')?.code, 3)
    assert.equal(optionByName('Routers')?.code, 3)
    assert.equal(optionByName('mtu')?.code, 26)
    assert.equal(optionByName('domain-name-server')?.code, 6)
    assert.equal(optionByName('ip-address-lease-time')?.code, 51)
    assert.equal(optionByName('renewal-time')?.code, 58)
    assert.equal(optionByName('rebinding-time')?.code, 59)
    assert.equal(optionByName('nope'), undefined)
    assert.equal(optionByCode(300), undefined)
  })

  it('resolves names, numbers, numeric strings and option-N in lookupOption', () => {
    assert.equal(lookupOption('router')?.code, 3)
    assert.equal(lookupOption(3)?.name, 'router')
    assert.equal(lookupOption(' 15 ')?.name, 'domain-name')
    assert.equal(lookupOption('option-121')?.name, 'classless-static-routes')
    assert.equal(lookupOption('rooter'), undefined)
    assert.equal(lookupOption(256), undefined)
    assert.equal(lookupOption(1.5), undefined)
  })

  it('gives codes missing from the table a raw-bytes entry that allows any length', () => {
    const entry = lookupOption(250)
    assert.equal(entry?.name, 'option-250')
    assert.equal(entry?.type, 'bytes')
    assert.equal(entry?.known, false)
    assert.equal(entry?.minLength, 0)
    assert.equal(lookupOption('option-250'), entry)
  })

  it('suggests the closest name for a misspelling, and nothing for gibberish', () => {
    assert.equal(closestOptionName('rooter'), 'router')
    assert.equal(closestOptionName('domain-name-servers'), 'domain-name-server')
    assert.equal(closestOptionName('clasless-static-routes'), 'classless-static-routes')
    assert.equal(closestOptionName('qqqqqqqqqqqq'), undefined)
  })

  it('resolves relay agent sub-options by name or number', () => {
    assert.equal(relaySubOptionCode('circuit-id'), 1)
    assert.equal(relaySubOptionCode('Remote-ID'), 2)
    assert.equal(relaySubOptionCode('151'), 151)
    assert.equal(relaySubOptionCode('256'), undefined)
    assert.equal(relaySubOptionCode('bogus'), undefined)
  })
})

function pick(code: number): {minLength: number; maxLength: number | undefined; multipleOf: number} {
  const entry = optionByCode(code)
  assert.ok(entry)
  return {minLength: entry.minLength, maxLength: entry.maxLength, multipleOf: entry.multipleOf}
}
