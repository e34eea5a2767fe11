import {cpSync, existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {applyOwnership, writeFileAtomic} from './atomic-file.js'
import type {FileChange} from './file-changes.js'
import type {ConfigCheck} from './plan-types.js'
import {commandExists, runCommand} from './system-commands.js'
import {type Target, onTarget} from './target.js'

export interface CheckOutcome {
  description: string
  status: 'passed' | 'skipped'
  detail?: string
}

export class CheckFailedError extends Error {
  constructor(
    readonly check: ConfigCheck,
    readonly output: string,
  ) {
    super(`${check.description} rejected the new configuration: ${output.split('\n').filter(Boolean).slice(0, 4).join(' | ')}`)
  }
}

/**
 * Lays the new files over a copy of the live configuration trees in a scratch
 * directory and runs each daemon checker there, so a bad config is caught
 * before any live file is touched.
 */
export async function runStagedChecks(target: Target, changes: FileChange[], checks: ConfigCheck[]): Promise<CheckOutcome[]> {
  if (checks.length === 0) return []
  const stage = mkdtempSync(join(tmpdir(), 'srvctl-stage-'))
  try {
    const trees = new Set(checks.flatMap((c) => c.stageTrees))
    for (const tree of trees) {
      const live = onTarget(target, tree)
      if (existsSync(live)) cpSync(live, join(stage, tree), {recursive: true, preserveTimestamps: true, verbatimSymlinks: true})
    }
    for (const dir of checks.flatMap((c) => c.stageDirs ?? [])) mkdirSync(join(stage, dir), {recursive: true})
    for (const change of changes) {
      const path = join(stage, change.file.path)
      mkdirSync(dirname(path), {recursive: true})
      writeFileAtomic(path, change.content, {mode: change.file.mode, uid: change.uid, gid: change.gid})
      applyOwnership(path, {mode: change.file.mode, uid: change.uid, gid: change.gid})
    }
    const outcomes: CheckOutcome[] = []
    for (const check of checks) {
      const argv = check.argv.map((arg) => arg.replaceAll('{stage}', stage))
      if (!(await commandExists(argv[0]))) {
        if (target.mode === 'live') throw new CheckFailedError(check, `${argv[0]} is not installed`)
        outcomes.push({description: check.description, status: 'skipped', detail: `${argv[0]} is not installed here`})
        continue
      }
      const result = await runCommand(argv, {timeoutMs: 60_000})
      const output = result.output.replaceAll(stage, '')
      if (!result.ok || (check.failOnOutput && check.failOnOutput.test(result.output))) {
        throw new CheckFailedError(check, output || `exit ${result.exitCode}`)
      }
      outcomes.push({description: check.description, status: 'passed'})
    }
    return outcomes
  } finally {
    rmSync(stage, {recursive: true, force: true})
  }
}
