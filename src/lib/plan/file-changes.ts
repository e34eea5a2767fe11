import {lstatSync, readFileSync} from 'node:fs'

import type {AccountLookup} from './account-lookup.js'
import {type ManagedIndex, sha256} from './managed-index.js'
import type {PlannedFile} from './plan-types.js'
import {type Target, onTarget} from './target.js'

export type FileStatus = 'create' | 'update' | 'metadata' | 'unchanged'

export interface FileChange {
  file: PlannedFile
  /** Content after finalize(). */
  content: string
  status: FileStatus
  before?: string
  /** The live file differs from what srvctl last wrote there: someone edited it. */
  handEdited: boolean
  uid?: number
  gid?: number
}

function readCurrent(path: string): {content: string; mode: number; uid: number; gid: number} | undefined {
  let stat
  try {
    stat = lstatSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (!stat.isFile()) throw new Error(`${path} exists and is not a regular file`)
  return {content: readFileSync(path, 'utf8'), mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid}
}

export function computeFileChanges(
  target: Target,
  files: PlannedFile[],
  index: ManagedIndex,
  accounts: AccountLookup,
): FileChange[] {
  const asRoot = process.getuid?.() === 0
  return files.map((file) => {
    const current = readCurrent(onTarget(target, file.path))
    const content = file.finalize ? file.finalize(current?.content) : file.content
    const uid = accounts.uid(file.owner)
    const gid = accounts.gid(file.group)
    if (!current) return {file, content, status: 'create', handEdited: false, uid, gid}
    const recorded = index[file.path]
    const currentSha = sha256(current.content)
    const handEdited = !file.untracked && recorded !== undefined && recorded.sha256 !== currentSha && currentSha !== sha256(content)
    let status: FileStatus = 'unchanged'
    if (current.content !== content) status = 'update'
    else if (
      current.mode !== file.mode ||
      (asRoot && uid !== undefined && gid !== undefined && (current.uid !== uid || current.gid !== gid))
    ) {
      status = 'metadata'
    }
    return {file, content, status, before: current.content, handEdited, uid, gid}
  })
}
