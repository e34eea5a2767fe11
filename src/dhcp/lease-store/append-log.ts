import {close, constants, fdatasync, fsync, open, write, writeSync} from 'node:fs'

/** The file operations the lease store needs for a log it appends to; replaceable in tests. */
export interface AppendLog {
  /** Appends all of `data` (looping over short writes). */
  write(data: Buffer): Promise<void>
  /**
   * write() resolves only once the data is on stable storage, as if followed
   * by datasync(), which then has nothing left to do.
   */
  readonly syncsEachWrite: boolean
  /** Makes everything written so far durable (fdatasync). */
  datasync(): Promise<void>
  close(): Promise<void>
  /**
   * Appends all of `data` on the calling thread; once it returns the data is
   * durable if the log syncs each write (file-lease-store.ts explains when
   * the store uses it). Test logs may leave it out.
   */
  writeNow?(data: Buffer): void
}

/** 'append' keeps the file's content, 'replace' empties it first; both create it if missing. */
export type OpenAppendLog = (path: string, mode: 'append' | 'replace') => Promise<AppendLog>

const FILE_MODE = 0o640

// Node's callback API rather than fs.promises file handles: for the small
// writes of group commit it measured ~5 % faster per write + fdatasync and
// ~20 % faster per write alone (see the lease-store report).
// writeNow is a method, not a closure made per log: the store's call site
// then sees one target for every log, the warm-up's as well as the real one.
class FdAppendLog implements AppendLog {
  constructor(
    private readonly fd: number,
    readonly syncsEachWrite: boolean,
  ) {}

  writeNow(data: Buffer): void {
    for (let offset = 0; offset < data.length; ) offset += writeSync(this.fd, data, offset, data.length - offset, null)
  }

  async write(data: Buffer): Promise<void> {
    let offset = 0
    while (offset < data.length) {
      offset += await new Promise<number>((resolve, reject) => {
        write(this.fd, data, offset, data.length - offset, null, (error, written) => (error ? reject(error) : resolve(written)))
      })
    }
  }

  datasync(): Promise<void> {
    return new Promise((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve())))
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => close(this.fd, (error) => (error ? reject(error) : resolve())))
  }
}

/**
 * An 'append' log is opened with O_DSYNC: each group commit is then one
 * write that returns once durable (the same guarantee as write + fdatasync),
 * which halves the thread-pool round trips per batch (measured: ~20 % less
 * CPU and ~15 % less time per batch). A 'replace' log is filled in bulk
 * (compaction) and synced once with datasync().
 */
export const openFileAppendLog: OpenAppendLog = (path, mode) => {
  let flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT
  if (mode === 'replace') flags |= constants.O_TRUNC
  else flags |= constants.O_DSYNC
  return new Promise((resolve, reject) => {
    open(path, flags, FILE_MODE, (error, fd) => (error ? reject(error) : resolve(new FdAppendLog(fd, mode === 'append'))))
  })
}

/** fsync of a directory, so a file created or renamed in it survives a crash. */
export function fsyncDirectory(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    open(path, constants.O_RDONLY | constants.O_DIRECTORY, (openError, fd) => {
      if (openError) return reject(openError)
      fsync(fd, (syncError) => close(fd, (closeError) => (syncError || closeError ? reject(syncError ?? closeError) : resolve())))
    })
  })
}
