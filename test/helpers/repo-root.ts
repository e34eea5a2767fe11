import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

// Compiled tests run from dist/test/...; fixtures and templates stay in the
// source tree, so find the repository root by walking up to package.json.
function findRoot(start: string): string {
  let dir = start
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${start}`)
    dir = parent
  }
  return dir
}

export const repoRoot = findRoot(dirname(fileURLToPath(import.meta.url)))
export const fixturePath = (...parts: string[]): string => join(repoRoot, 'test', 'fixtures', ...parts)
