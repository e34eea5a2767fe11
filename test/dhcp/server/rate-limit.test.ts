import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {RateLimiter, type RateLimitSettings} from '../../../src/dhcp/server/rate-limit.js'

const settings = (overrides: Partial<RateLimitSettings> = {}): RateLimitSettings => ({
  perClient: {packets: 3, perSeconds: 10},
  newClients: {packets: 10, perSeconds: 1},
  trackedClients: 1000,
  ...overrides,
})

describe('RateLimiter', () => {
  it('lets new clients share the newClients budget and refuses the rest as rateLimitedNewClient', () => {
    const limiter = new RateLimiter(settings(), 0)
    const verdicts = Array.from({length: 15}, (_, n) => limiter.admit(`hw:new-${n}`, false, 0))
    assert.equal(verdicts.filter((verdict) => verdict === undefined).length, 10)
    assert.deepEqual(verdicts.slice(10), Array(5).fill('rateLimitedNewClient'))
    assert.equal(limiter.admit('hw:new-late', false, 50), 'rateLimitedNewClient', 'half a token after 50 ms')
    assert.equal(limiter.admit('hw:new-late', false, 100), undefined, 'one token back after 100 ms: 10 per second')
  })

  it('serves known clients while the newClients budget is spent', () => {
    const limiter = new RateLimiter(settings(), 0)
    for (let n = 0; n < 1000; n++) limiter.admit(`hw:flood-${n}`, false, 0)
    assert.equal(limiter.admit('hw:unknown', false, 0), 'rateLimitedNewClient')
    for (let n = 0; n < 50; n++) assert.equal(limiter.admit(`hw:known-${n}`, true, 0), undefined)
  })

  it('holds a known client to its own perClient rate', () => {
    const limiter = new RateLimiter(settings(), 0)
    assert.deepEqual(
      Array.from({length: 4}, () => limiter.admit('hw:chatty', true, 0)),
      [undefined, undefined, undefined, 'rateLimitedClient'],
    )
  })

  it('holds a new client to its own rate too, without spending the shared budget on refused packets', () => {
    const limiter = new RateLimiter(settings({newClients: {packets: 5, perSeconds: 1}}), 0)
    const verdicts = Array.from({length: 5}, () => limiter.admit('hw:chatty', false, 0))
    assert.deepEqual(verdicts, [undefined, undefined, undefined, 'rateLimitedClient', 'rateLimitedClient'])
    assert.equal(limiter.admit('hw:other-1', false, 0), undefined)
    assert.equal(limiter.admit('hw:other-2', false, 0), undefined)
    assert.equal(limiter.admit('hw:other-3', false, 0), 'rateLimitedNewClient', 'three packets of chatty and two others spent the 5')
  })

  it('does not track clients refused by the newClients budget, so a flood cannot churn the client table', () => {
    const limiter = new RateLimiter(settings(), 0)
    for (let n = 0; n < 100_000; n++) limiter.admit(`hw:flood-${n}`, false, 0)
    assert.equal(limiter.trackedClients, 10)
  })

  it('tracks at most trackedClients clients', () => {
    const limiter = new RateLimiter(settings({newClients: false, trackedClients: 100}), 0)
    for (let n = 0; n < 10_000; n++) assert.equal(limiter.admit(`hw:c-${n}`, false, n), undefined)
    assert.equal(limiter.trackedClients, 100)
  })

  it('with both limits off admits everything and tracks nobody', () => {
    const limiter = new RateLimiter(settings({perClient: false, newClients: false}), 0)
    assert.equal(limiter.needsKnown, false)
    for (let n = 0; n < 1000; n++) assert.equal(limiter.admit('hw:same', false, 0), undefined)
    assert.equal(limiter.trackedClients, 0)
  })

  it('with newClients off does not need to know who is known, and still limits each client', () => {
    const limiter = new RateLimiter(settings({newClients: false}), 0)
    assert.equal(limiter.needsKnown, false)
    assert.equal(Array.from({length: 5}, () => limiter.admit('hw:x', false, 0)).filter((verdict) => verdict === undefined).length, 3)
  })
})
