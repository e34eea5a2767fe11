import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {warmUpEngine} from '../../../src/dhcp/server/warm-up.js'

describe('warmUpEngine', () => {
  it('runs every DISCOVER/REQUEST pair through the real handlers to an OFFER and an ACK', async () => {
    assert.deepEqual(await warmUpEngine(400), {offers: 400, acks: 400})
  })
})
