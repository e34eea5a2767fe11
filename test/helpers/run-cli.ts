import {join} from 'node:path'

import {execa} from 'execa'

import {repoRoot} from './repo-root.js'

export interface CliResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs srvctl as a real subprocess (in-process oclif runs confuse node:test's output). */
export async function runCli(args: string[], options: {env?: Record<string, string>; timeoutMs?: number} = {}): Promise<CliResult> {
  const result = await execa('node', [join(repoRoot, 'bin/run.js'), ...args], {
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
    env: {NO_COLOR: '1', ...options.env},
    stdin: 'ignore',
  })
  return {exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr)}
}
