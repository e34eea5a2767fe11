import {type AppendLog, openFileAppendLog, type OpenAppendLog} from '../../../src/dhcp/lease-store/append-log.js'

/** Called before the real operation; may wait (to hold the store at a chosen point) or throw (to fail it). */
export interface LogHooks {
  beforeWrite?: (path: string, data: Buffer, real: AppendLog) => Promise<void> | void
  beforeSync?: (path: string) => Promise<void> | void
}

/** Real files, with test hooks in front of every write and fdatasync (for a log that syncs each write, beforeSync runs after the write). */
export function hookedOpenLog(hooks: LogHooks): OpenAppendLog {
  return async (path, mode) => {
    const real = await openFileAppendLog(path, mode)
    return {
      syncsEachWrite: real.syncsEachWrite,
      async write(data) {
        await hooks.beforeWrite?.(path, data, real)
        await real.write(data)
        // The write was also the sync: the hook still runs before the store learns it is done.
        if (real.syncsEachWrite) await hooks.beforeSync?.(path)
      },
      async datasync() {
        await hooks.beforeSync?.(path)
        await real.datasync()
      },
      close: () => real.close(),
    }
  }
}

/** A promise the test resolves when it chooses. */
export class Gate {
  readonly opened: Promise<void>
  open!: () => void

  constructor() {
    this.opened = new Promise((resolve) => (this.open = resolve))
  }
}

/** Resolves once `condition` holds, checking every millisecond; gives up after about ten seconds. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  throw new Error(`gave up waiting for ${what}`)
}
