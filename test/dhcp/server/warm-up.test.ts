import assert from 'node:assert/strict'
import {readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {describe, it} from 'node:test'

import {warmUpEngine} from '../../../src/dhcp/server/warm-up.js'

describe('warmUpEngine', () => {
  it('runs every DISCOVER/REQUEST pair through the real handlers to an OFFER and an ACK', async () => {
    assert.deepEqual(await warmUpEngine({exchanges: 400}), {offers: 400, acks: 400})
  })

  it('removes the temporary lease file it wrote', async () => {
    await warmUpEngine({exchanges: 100})
    assert.deepEqual(readdirSync(tmpdir()).filter((name) => name.startsWith(`.srvctl-warm-up-${process.pid}-`)), [])
  })

  it('stops at its deadline once it has played the minimum', async () => {
    assert.deepEqual(await warmUpEngine({exchanges: 100_000, minimum: 64, deadline: 0}), {offers: 64, acks: 64})
  })
})
