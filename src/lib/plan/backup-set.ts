import {copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, unlinkSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'

import {writeFileAtomic} from './atomic-file.js'

interface BackupEntry {
  path: string
  existed: boolean
  mode?: number
  uid?: number
  gid?: number
}

/**
 * The files a run is about to replace, saved before anything changes, so the
 * run can be undone (on failure, or later with `srvctl rollback RUN`).
 * Layout: DIR/manifest.json and DIR/files/<absolute path>.
 */
export class BackupSet {
  private readonly entries: BackupEntry[] = []

  constructor(readonly dir: string) {}

  static load(dir: string): BackupSet {
    const set = new BackupSet(dir)
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupEntry[]
    set.entries.push(...manifest)
    return set
  }

  get paths(): string[] {
    return this.entries.map((e) => e.path)
  }

  /** Saves the current state of `livePath` (which may not exist) under the system path `path`. */
  save(path: string, livePath: string): void {
    if (this.entries.some((e) => e.path === path)) return
    mkdirSync(join(this.dir, 'files'), {recursive: true, mode: 0o700})
    if (existsSync(livePath)) {
      const stat = lstatSync(livePath)
      const copy = join(this.dir, 'files', path)
      mkdirSync(dirname(copy), {recursive: true, mode: 0o700})
      copyFileSync(livePath, copy)
      this.entries.push({path, existed: true, mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid})
    } else {
      this.entries.push({path, existed: false})
    }
    writeFileSync(join(this.dir, 'manifest.json'), `${JSON.stringify(this.entries, null, 2)}\n`, {mode: 0o600})
  }

  /** Puts every saved file back (and removes files that did not exist). Returns the paths restored. */
  restore(toLive: (path: string) => string): string[] {
    const restored: string[] = []
    for (const entry of [...this.entries].reverse()) {
      const live = toLive(entry.path)
      if (entry.existed) {
        const content = readFileSync(join(this.dir, 'files', entry.path))
        writeFileAtomic(live, content, {mode: entry.mode ?? 0o644, uid: entry.uid, gid: entry.gid})
      } else if (existsSync(live)) {
        unlinkSync(live)
      }
      restored.push(entry.path)
    }
    return restored
  }
}
