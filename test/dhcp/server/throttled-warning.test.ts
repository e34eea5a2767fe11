import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {ThrottledWarning} from '../../../src/dhcp/server/throttled-warning.js'

describe('ThrottledWarning', () => {
  it('is due the first time, then at most once per interval', () => {
    const warning = new ThrottledWarning(60_000)
    const due = [0, 1000, 59_999, 60_000, 60_001, 119_999, 120_000, 500_000].filter((now) => warning.due(now))
    assert.deepEqual(due, [0, 60_000, 120_000, 500_000])
  })

  it('takes a new interval at once', () => {
    const warning = new ThrottledWarning(60_000)
    warning.due(0)
    warning.intervalMs = 1000
    assert.equal(warning.due(1000), true)
  })
})
