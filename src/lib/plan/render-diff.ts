import {createTwoFilesPatch} from 'diff'

import type {FileChange} from './file-changes.js'

/** A unified diff of one change; secret files show only that they change. */
export function renderDiff(change: FileChange): string {
  const path = change.file.path
  if (change.status === 'unchanged') return ''
  if (change.status === 'metadata') {
    return `--- ${path}\n+++ ${path}\n@@ mode/owner -> ${change.file.mode.toString(8).padStart(4, '0')} ${change.file.owner}:${change.file.group} @@\n`
  }
  if (change.file.secret) {
    const verb = change.status === 'create' ? 'created' : 'changed'
    return `--- ${path}\n+++ ${path}\n@@ secret content ${verb} (not shown) @@\n`
  }
  const before = change.before ?? ''
  return createTwoFilesPatch(
    change.status === 'create' ? '/dev/null' : path,
    path,
    before,
    change.content,
    undefined,
    undefined,
    {context: 3},
  )
    .split('\n')
    .filter((line) => !line.startsWith('=====') && !line.startsWith('Index: '))
    .join('\n')
}
