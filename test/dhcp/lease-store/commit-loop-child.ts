// Child process of crash-durability.test.ts: commits leases as fast as it can
// with many commits in flight and prints each commit's number on stdout once
// commit() resolved, until the parent kills it with SIGKILL. Every 2000
// commits it starts a compaction and prints 'compacting', so the parent can
// aim a kill at one.
import {createFileLeaseStore} from '../../../src/dhcp/lease-store/file-lease-store.js'
import {leaseFor} from './lease-fixtures.js'

export const CHILD_ADDRESSES = 500
const IN_FLIGHT = 32

async function main(): Promise<void> {
  const [path, compactEvery] = process.argv.slice(2)
  const store = createFileLeaseStore({path, compactEvery: Number(compactEvery), onWarning: (message) => process.stderr.write(message + '\n')})
  await store.open()
  process.stdout.write('ready\n')
  let next = 0
  const worker = async (): Promise<never> => {
    for (;;) {
      const n = next++
      await store.commit(leaseFor(n % CHILD_ADDRESSES, {start: n}))
      process.stdout.write(`${n}\n`)
      if (n % 2000 === 1999) {
        process.stdout.write('compacting\n')
        store.compact().catch((error: Error) => process.stderr.write(`compaction failed: ${error.message}\n`))
      }
    }
  }
  await Promise.all(Array.from({length: IN_FLIGHT}, worker))
}

if (process.argv[1]?.endsWith('commit-loop-child.js')) await main()
