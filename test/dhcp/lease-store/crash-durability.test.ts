import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {after, before, it} from 'node:test'

import {createFileLeaseStore} from '../../../src/dhcp/lease-store/file-lease-store.js'
import {randomInt, seededRandom} from '../allocator/seeded-random.js'
import {CHILD_ADDRESSES} from './commit-loop-child.js'
import {leaseFor, tempDir} from './lease-fixtures.js'

const childScript = fileURLToPath(new URL('commit-loop-child.js', import.meta.url))

/**
 * Runs the child and kills it `killAfterMs` after it is ready, or, when
 * `killInCompaction`, that long after it starts its first compaction.
 * Returns the commit numbers it printed.
 */
async function runAndKill(path: string, compactEvery: number, killAfterMs: number, killInCompaction: boolean): Promise<number[]> {
  const child = spawn(process.execPath, [childScript, path, String(compactEvery)], {stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const trigger = killInCompaction ? '\ncompacting\n' : 'ready\n'
    const armed = !stdout.includes(trigger)
    stdout += chunk
    if (armed && stdout.includes(trigger)) setTimeout(() => child.kill('SIGKILL'), killAfterMs)
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])))
  assert.equal(signal, 'SIGKILL', `child ended by itself (code ${code}): ${stderr}`)
  // The last line may be cut mid-write by the kill; only complete lines were printed in full.
  return stdout
    .split('\n')
    .slice(0, -1)
    .filter((line) => /^\d+$/.test(line))
    .map(Number)
}

let dir: string
let cleanup: () => Promise<void>
before(async () => ({dir, cleanup} = await tempDir('crash')))
after(() => cleanup())

it('every commit a killed process saw resolve is in the log, through kills during writes and compactions', async (t) => {
  const seed = Date.now() % 100_000
  t.diagnostic(`seed ${seed}`)
  const random = seededRandom(seed)
  const path = join(dir, 'leases.log')
  let acknowledgedTotal = 0
  let killedInCompaction = 0
  for (let round = 0; round < 6; round++) {
    // Odd rounds aim the kill at the first moments of an explicit compaction
    // (while the new file is written or swapped); in others automatic ones may run.
    const inCompaction = round % 2 === 1
    const killAfterMs = inCompaction ? randomInt(random, 0, 30) : randomInt(random, 150, 600)
    const acknowledged = await runAndKill(path, 500, killAfterMs, inCompaction)
    assert.ok(acknowledged.length > 0, `round ${round}: the child committed nothing before the kill`)
    acknowledgedTotal += acknowledged.length

    if (existsSync(path + '.tmp')) killedInCompaction++
    const warnings: string[] = []
    const store = createFileLeaseStore({path, onWarning: (message) => warnings.push(message), compactEvery: Number.POSITIVE_INFINITY})
    await store.open()
    // Commits for one address are issued in increasing order, so the stored one is the newest acknowledged or a later one.
    const newestAcknowledged = new Map<number, number>()
    for (const n of acknowledged) {
      const address = leaseFor(n % CHILD_ADDRESSES).address
      newestAcknowledged.set(address, Math.max(n, newestAcknowledged.get(address) ?? -1))
    }
    for (const [address, n] of newestAcknowledged) {
      const stored = store.getByAddress(address)
      assert.ok(stored !== undefined && stored.start >= n, `round ${round}: commit ${n} was acknowledged but the store has ${JSON.stringify(stored)}`)
      assert.deepEqual(stored, leaseFor(stored.start % CHILD_ADDRESSES, {start: stored.start}))
    }
    // Only a torn last line may be reported: nothing else is damaged by a kill.
    assert.ok(warnings.every((w) => w.includes('incomplete last line')), warnings.join('\n'))
    await store.close()
  }
  t.diagnostic(`${acknowledgedTotal} acknowledged commits checked over 6 kills, ${killedInCompaction} of them during a compaction`)
})
