// Every process the benchmark starts is tracked here, so an interrupted run
// can end exactly those (by pid) and nothing else.
import {spawn} from 'node:child_process'
import {openSync, closeSync} from 'node:fs'

const running = new Set()
let schedulingPrefix = []

/**
 * The niceness of every process started from now on (negative: ahead of the
 * other jobs of a shared machine). Not SCHED_FIFO: with all of node's threads
 * pinned to one CPU, a FIFO main thread waiting for its own worker threads
 * stalls node's start for tens of seconds.
 */
export function useNiceness(nice) {
  schedulingPrefix = nice === 0 ? [] : ['nice', '-n', String(nice)]
}

/** Starts `command` inside network namespace `ns`, pinned to `cpu` when given; output goes to logFile. */
export function startIn(ns, cpu, command, args, {logFile, env} = {}) {
  const pinned = cpu === undefined ? [command, ...args] : ['taskset', '-c', String(cpu), command, ...args]
  pinned.unshift(...schedulingPrefix)
  const fd = logFile === undefined ? 'ignore' : openSync(logFile, 'a')
  // `ip netns exec` and taskset exec the command, so child.pid is the command's own pid.
  const child = spawn('ip', ['netns', 'exec', ns, ...pinned], {stdio: ['ignore', fd, fd], env: {...process.env, ...env}})
  if (typeof fd === 'number') closeSync(fd)
  running.add(child)
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child)
      resolve({code, signal})
    })
    child.once('error', (error) => {
      running.delete(child)
      resolve({code: -1, signal: null, error})
    })
  })
  return child
}

/** Runs to the end (or until timeoutMs, then SIGKILL) and resolves with the exit status. */
export async function runIn(ns, cpu, command, args, {logFile, env, timeoutMs}) {
  const child = startIn(ns, cpu, command, args, {logFile, env})
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const result = await child.exited
  clearTimeout(timer)
  return result
}

/** SIGTERM, then SIGKILL after graceMs if it is still there. */
export async function stop(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exited
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  const result = await child.exited
  clearTimeout(timer)
  return result
}

export function killAllSync() {
  for (const child of running) {
    try {
      child.kill('SIGKILL')
    } catch {}
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
