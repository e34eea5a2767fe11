import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {CommitGathering} from '../../../src/dhcp/lease-store/commit-gathering.js'

describe('CommitGathering', () => {
  it('writes a commit after a quiet spell at once and lets a commit that follows closely open a gathering batch', () => {
    let now = 1000
    const gathering = new CommitGathering(5, 256, () => now)
    assert.equal(gathering.commit(), 0, 'the first commit ever')
    now += 2
    assert.equal(gathering.commit(), 1007, 'two ms after the previous one: gather until now + 5')
    now += 4.9
    assert.equal(gathering.commit(), 1011.9)
    now += 5
    assert.equal(gathering.commit(), 0, 'a full delay since the previous commit')
  })

  it('never gathers with a delay of 0', () => {
    let now = 0
    const gathering = new CommitGathering(0, 256, () => now)
    for (let i = 0; i < 5; i++, now += 0.001) assert.equal(gathering.commit(), 0)
  })
})
