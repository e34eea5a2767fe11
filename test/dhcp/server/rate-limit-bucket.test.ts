import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {TokenBucket} from '../../../src/dhcp/server/rate-limit-bucket.js'

/** How many of `count` packets at `now` the bucket lets through. */
function takeMany(bucket: TokenBucket, count: number, now: number): number {
  let taken = 0
  for (let i = 0; i < count; i++) if (bucket.take(now)) taken++
  return taken
}

describe('TokenBucket', () => {
  it('starts full: a burst of `packets` passes at once, the next packet does not', () => {
    const bucket = new TokenBucket({packets: 5, perSeconds: 10}, 1000)
    assert.equal(takeMany(bucket, 8, 1000), 5)
  })

  it('refills at packets per perSeconds: 5 per 10 s gives one packet every 2 s', () => {
    const bucket = new TokenBucket({packets: 5, perSeconds: 10}, 0)
    takeMany(bucket, 5, 0)
    assert.equal(bucket.take(1999), false)
    assert.equal(bucket.take(2000), true)
    assert.equal(bucket.take(2000), false)
    assert.equal(takeMany(bucket, 10, 6000), 2)
  })

  it('never holds more than `packets`, however long it was idle', () => {
    const bucket = new TokenBucket({packets: 3, perSeconds: 1}, 0)
    assert.equal(takeMany(bucket, 10, 3_600_000), 3)
  })

  it('refills nothing while the clock is behind the last packet', () => {
    const bucket = new TokenBucket({packets: 2, perSeconds: 1}, 10_000)
    takeMany(bucket, 2, 10_000)
    assert.equal(bucket.take(5000), false)
    assert.equal(bucket.take(10_499), false)
    assert.equal(bucket.take(10_500), true)
  })

  it('hasToken() looks without taking; spend() takes what it found', () => {
    const bucket = new TokenBucket({packets: 1, perSeconds: 1}, 0)
    assert.equal(bucket.hasToken(0), true)
    assert.equal(bucket.hasToken(0), true)
    bucket.spend()
    assert.equal(bucket.hasToken(0), false)
  })
})
