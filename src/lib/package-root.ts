import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The directory above `start` that holds package.json. */
export function findPackageRoot(start: string): string {
  let dir = start
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${start}`)
    dir = parent
  }
  return dir
}

// srvctl runs from src/ (tests) or dist/src/ (installed); templates/, build/
// and native/ sit beside package.json either way.
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)))
