import {randomBytes} from 'node:crypto'
import {chmodSync, chownSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'

export interface FileOwnership {
  mode: number
  uid?: number
  gid?: number
}

/**
 * Replaces a file so that readers see either the old or the new content, never
 * a mix: write a sibling temp file, set mode and owner, fsync, rename, fsync
 * the directory.
 */
export function writeFileAtomic(path: string, content: string | Buffer, own: FileOwnership): void {
  mkdirSync(dirname(path), {recursive: true})
  const tmp = join(dirname(path), `.${basename(path)}.srvctl-${randomBytes(4).toString('hex')}`)
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    applyOwnership(tmp, own)
    renameSync(tmp, path)
  } catch (error) {
    try {
      unlinkSync(tmp)
    } catch {
      // already gone
    }
    throw error
  }
  syncDirectory(dirname(path))
}

/** Sets the exact mode (not umask-filtered) and, when running as root, the owner. */
export function applyOwnership(path: string, own: FileOwnership): void {
  chmodSync(path, own.mode)
  if (process.getuid?.() === 0 && own.uid !== undefined && own.gid !== undefined) chownSync(path, own.uid, own.gid)
}

export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
