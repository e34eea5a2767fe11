import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {UserError} from '../../../src/lib/errors.js'
import {parseWith} from '../../../src/lib/state/validation-message.js'
import {dnsSettingsSchema} from '../../../src/services/dns/dns-settings.js'

const base = {domain: 'example.test', serverIp: '198.18.0.53'}

function problem(settings: Record<string, unknown>): string {
  try {
    parseWith(dnsSettingsSchema, {...base, ...settings}, 'dns')
  } catch (error) {
    assert.ok(error instanceof UserError, `a UserError, not ${String(error)}`)
    assert.equal(error.message.includes('\n'), false, 'one line')
    return error.message
  }
  assert.fail('settings were accepted')
}

describe('DNS settings validation', () => {
  it('rejects an invalid server IP and says what an address looks like', () => {
    assert.match(problem({serverIp: '198.18.0.256'}), /^dns\.serverIp: '198\.18\.0\.256' is not an IPv4 address \(expected a\.b\.c\.d\)$/)
  })

  for (const [label, name] of [
    ['a newline', 'www\nevil'],
    ['a double quote', 'ww"w'],
    ['a semicolon', 'www;evil'],
    ['a brace', 'www}'],
  ]) {
    it(`rejects a record name containing ${label}`, () => {
      assert.match(problem({records: [`${name} A 198.18.0.80`]}), /^dns\.records\[0\]: /)
    })
  }

  it('rejects a domain with a brace or quote that would break out of named.conf', () => {
    assert.match(problem({domain: 'example.test"; }; include "/etc/shadow'}), /^dns\.domain: name .* may contain only/)
  })

  it('rejects a duplicate record and names the first one', () => {
    assert.match(problem({records: ['www A 198.18.0.80', 'www A 198.18.0.80']}), /^dns\.records\[1\]: record 'www A 198\.18\.0\.80' duplicates records\[0\]$/)
  })

  it('rejects a record outside the zones', () => {
    assert.match(problem({records: ['www.other.example. A 198.18.0.80']}), /^dns\.records\[0\]: .*is outside the zones example\.test$/)
  })

  it('accepts a record in an extra zone given with --zone', () => {
    parseWith(dnsSettingsSchema, {...base, zones: ['other.test'], records: ['www.other.test. A 198.18.0.81']}, 'dns')
  })

  it('rejects a CNAME next to other data', () => {
    assert.match(problem({records: ['www A 198.18.0.80', 'www CNAME mail']}), /a CNAME cannot sit next to other records/)
  })

  it('rejects an unknown record type and a bad MX', () => {
    assert.match(problem({records: ['www XYZ 1']}), /type XYZ is not one of/)
    assert.match(problem({records: ['@ MX mail']}), /an MX record takes "PRIORITY HOST"/)
  })

  it('rejects a TXT with a quote', () => {
    assert.match(problem({records: ['t TXT say "hi"']}), /TXT text may not contain double quotes/)
  })

  it('rejects a bad recursion network and a bad forwarder', () => {
    assert.match(problem({allowRecursion: ['198.18.0.0/33']}), /^dns\.allowRecursion\[0\]: '198\.18\.0\.0\/33' is not an IPv4 network/)
    assert.match(problem({forwarders: ['dns.example']}), /^dns\.forwarders\[0\]: 'dns\.example' is not an IPv4 address/)
  })
})
