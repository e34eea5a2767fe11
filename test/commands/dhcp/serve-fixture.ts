// Shared pieces of the `srvctl dhcp serve` process tests: start the real
// command (bin/run.js) in a namespace or on loopback, wait for its log lines,
// stop it by signal, and read its lease file the way the server does.

import {type ChildProcess, spawn} from 'node:child_process'
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {Lease} from '../../../src/dhcp/engine-types.js'
import {createFileLeaseStore} from '../../../src/dhcp/lease-store/index.js'
import {killGroup, type Namespace, OutputWatcher, waitExit} from '../../helpers/netns.js'
import {repoRoot} from '../../helpers/repo-root.js'

export const RUN_JS = join(repoRoot, 'bin', 'run.js')

export interface ServeProcess {
  child: ChildProcess
  output: OutputWatcher
  /** Sends the signal and resolves with the exit code (null if it had to be killed after timeoutMs). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>
}

/** Starts `srvctl dhcp serve ARGS` (in the namespace, when given) and waits until it listens. */
export async function startServe(args: string[], ns?: Namespace): Promise<ServeProcess> {
  const argv = [process.execPath, RUN_JS, 'dhcp', 'serve', ...args]
  const child = ns ? ns.spawn(argv) : spawn(argv[0], argv.slice(1), {stdio: ['ignore', 'pipe', 'pipe'], detached: true})
  const output = new OutputWatcher(child)
  const exited = waitExit(child, 60_000)
  await Promise.race([
    output.waitFor(/listening on/, 20_000),
    exited.then((code) => {
      throw new Error(`srvctl dhcp serve exited ${code} before listening:\n${output.text}`)
    }),
  ])
  return {
    child,
    output,
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill(signal)
      const code = await waitExit(child, timeoutMs)
      if (code === null && child.exitCode === null) killGroup(child.pid, 'SIGKILL')
      return code
    },
  }
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(tag: string): {path: string; remove: () => void} {
  const path = mkdtempSync(join(tmpdir(), `srvctl-${tag}-`))
  return {path, remove: () => rmSync(path, {recursive: true, force: true})}
}

let copies = 0

/**
 * Every lease in a lease file, read by the lease store itself from a copy
 * (the server may be appending to the original).
 */
export async function readLeases(path: string): Promise<Lease[]> {
  // One copy per call: tests running concurrently read the same lease file.
  const copy = `${path}.read-${process.pid}-${++copies}`
  copyFileSync(path, copy)
  const store = createFileLeaseStore({path: copy, onWarning: () => undefined})
  try {
    await store.open()
    return [...store.all()]
  } finally {
    await store.close()
    rmSync(copy, {force: true})
  }
}

/** Polls `check` every 100 ms until it returns a value other than undefined; rejects after timeoutMs. */
export async function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
