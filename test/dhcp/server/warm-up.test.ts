import assert from 'node:assert/strict'
import {readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {describe, it} from 'node:test'

import {parseDhcpConfig} from '../../../src/dhcp/config/parse-config.js'
import {warmUpEngine} from '../../../src/dhcp/server/warm-up.js'

describe('warmUpEngine', () => {
  it('runs every DISCOVER/REQUEST pair through the real handlers to an OFFER and an ACK', async () => {
    assert.deepEqual(await warmUpEngine({exchanges: 400}), {offers: 400, acks: 400})
  })

  it('removes the temporary lease file it wrote', async () => {
    await warmUpEngine({exchanges: 100})
    assert.deepEqual(readdirSync(tmpdir()).filter((name) => name.startsWith(`.srvctl-warm-up-${process.pid}-`)), [])
  })

  it('stops at its deadline once it has played the minimum, at the end of a batch (the first holds 600)', async () => {
    assert.deepEqual(await warmUpEngine({exchanges: 100_000, minimum: 64, deadline: 0}), {offers: 600, acks: 600})
    assert.deepEqual(await warmUpEngine({exchanges: 100_000, minimum: 610, deadline: 0}), {offers: 616, acks: 616})
  })

  it("plays against the real server's scopes, relayed through the first active one", async () => {
    const config = parseDhcpConfig({
      leaseFile: '/nonexistent/never-written.leases',
      interfaces: ['eth9'],
      scopes: [
        {name: 'off', subnet: '198.18.7.0/24', ranges: ['198.18.7.10-198.18.7.20'], active: false},
        {name: 'office', subnet: '198.19.0.0/16', ranges: ['198.19.1.0-198.19.9.255'], options: {router: '198.19.0.1'}},
      ],
    })
    assert.deepEqual(await warmUpEngine({exchanges: 2000, config}), {offers: 2000, acks: 2000})
  })

  it('keeps its clients within half of a small pool, so it rehearses leases and renewals rather than refusals', async () => {
    const small = parseDhcpConfig({leaseFile: '/nonexistent/never-written.leases', scopes: [{name: 'small', subnet: '198.19.0.0/24', ranges: ['198.19.0.10-198.19.0.250']}]})
    assert.deepEqual(await warmUpEngine({exchanges: 2000, config: small}), {offers: 2000, acks: 2000})
    const tiny = parseDhcpConfig({leaseFile: '/nonexistent/never-written.leases', scopes: [{name: 'tiny', subnet: '198.18.5.0/29', ranges: ['198.18.5.2-198.18.5.6']}]})
    assert.deepEqual(await warmUpEngine({exchanges: 700, config: tiny}), {offers: 700, acks: 700})
    const single = parseDhcpConfig({leaseFile: '/nonexistent/never-written.leases', scopes: [{name: 'one', subnet: '198.18.5.0/30', ranges: ['198.18.5.2-198.18.5.2']}]})
    assert.deepEqual(await warmUpEngine({exchanges: 100, config: single}), {offers: 100, acks: 100})
  })
})
