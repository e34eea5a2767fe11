import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {formatDuration, parseDuration} from '../../../src/dhcp/config/duration.js'

describe('parseDuration', () => {
  it('reads plain seconds, as text or as a number', () => {
    assert.equal(parseDuration('3600'), 3600)
    assert.equal(parseDuration(3600), 3600)
  })

  it('reads days, hours, minutes, seconds and weeks', () => {
    assert.equal(parseDuration('8d'), 691_200)
    assert.equal(parseDuration('12h'), 43_200)
    assert.equal(parseDuration('30m'), 1800)
    assert.equal(parseDuration('45s'), 45)
    assert.equal(parseDuration('1w'), 604_800)
  })

  it('adds up combined units and ignores case and surrounding spaces', () => {
    assert.equal(parseDuration(' 1H30m '), 5400)
    assert.equal(parseDuration('1d12h'), 129_600)
  })

  it('rejects text that is not a duration', () => {
    for (const bad of ['', '8x', '-5', '1.5h', 'h', '8 d', '30m5', 'eight days']) {
      assert.equal(parseDuration(bad), undefined, bad)
    }
    assert.equal(parseDuration(-1), undefined)
    assert.equal(parseDuration(1.5), undefined)
  })
})

describe('formatDuration', () => {
  it('writes the shortest text that reads back to the same seconds', () => {
    for (const seconds of [0, 45, 1800, 5400, 43_200, 691_200, 90_061]) {
      assert.equal(parseDuration(formatDuration(seconds)), seconds)
    }
    assert.equal(formatDuration(691_200), '8d')
    assert.equal(formatDuration(5400), '1h30m')
  })
})
