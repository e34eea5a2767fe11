import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {ClientRateTable} from '../../../src/dhcp/server/rate-limit-clients.js'

const key = (n: number): string => `hw:02:00:00:00:${((n >> 8) & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`

/** Takes until the client is refused; returns how many passed. */
function drain(table: ClientRateTable, clientKey: string, now: number): number {
  let passed = 0
  while (table.take(clientKey, now)) passed++
  return passed
}

describe('ClientRateTable', () => {
  it('gives every client its own bucket: one client over its rate does not hold back another', () => {
    const table = new ClientRateTable({packets: 3, perSeconds: 10}, 100)
    assert.equal(drain(table, key(1), 0), 3)
    assert.equal(table.take(key(1), 0), false)
    assert.equal(drain(table, key(2), 0), 3)
  })

  it('refills each client at its rate', () => {
    const table = new ClientRateTable({packets: 2, perSeconds: 10}, 100)
    drain(table, key(1), 0)
    assert.equal(table.take(key(1), 4999), false)
    assert.equal(table.take(key(1), 5000), true)
    assert.equal(table.take(key(1), 5000), false)
    assert.equal(drain(table, key(1), 60_000), 2, 'an idle client gets at most a full bucket back')
  })

  it('tracks at most `capacity` clients however many different ones send', () => {
    const table = new ClientRateTable({packets: 2, perSeconds: 10}, 64)
    for (let n = 0; n < 100_000; n++) assert.equal(table.take(key(n), n), true, 'a client seen for the first time passes')
    assert.equal(table.size, 64)
  })

  it('forgets the least recently seen client when full, and keeps the recently seen one limited', () => {
    const table = new ClientRateTable({packets: 2, perSeconds: 1000}, 3)
    for (const n of [1, 2, 3]) drain(table, key(n), 0)
    // key(1) is seen again (refused), so key(2) is now the least recently seen.
    assert.equal(table.take(key(1), 0), false)
    assert.equal(table.take(key(4), 0), true)
    assert.equal(table.size, 3)
    assert.equal(table.take(key(1), 0), false, 'key(1) is still tracked and still over its rate')
    assert.equal(table.take(key(3), 0), false, 'key(3) is still tracked and still over its rate')
    assert.equal(drain(table, key(2), 0), 2, 'key(2) was forgotten and starts again with a full bucket')
  })

  it('keeps its recency order consistent through many evictions and touches (every tracked client stays limited)', () => {
    const capacity = 50
    const table = new ClientRateTable({packets: 1, perSeconds: 100_000}, capacity)
    let state = 12345
    const random = (): number => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31)
    const seen: number[] = []
    for (let i = 0; i < 20_000; i++) {
      const n = seen.length > 0 && random() % 3 === 0 ? seen[random() % seen.length] : random() % 400
      table.take(key(n), 0)
      const at = seen.indexOf(n)
      if (at >= 0) seen.splice(at, 1)
      seen.push(n)
      if (seen.length > capacity) seen.shift()
    }
    assert.equal(table.size, capacity)
    // The model's last `capacity` clients are exactly the tracked ones: each is refused (its one token is spent).
    for (const n of seen) assert.equal(table.take(key(n), 0), false, `${key(n)} is tracked`)
  })
})
