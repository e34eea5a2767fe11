// What the kernel knows about the server process: CPU time and memory.
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'

const TICKS_PER_SECOND = 100 // USER_HZ on Linux

/** User and system CPU seconds the process (all its threads) has used so far; NaN once it is gone. */
export function cpuTimes(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 2 (comm) may hold spaces; count from the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const user = Number(fields[11]) / TICKS_PER_SECOND
    const system = Number(fields[12]) / TICKS_PER_SECOND
    return {user, system, total: user + system}
  } catch {
    return {user: Number.NaN, system: Number.NaN, total: Number.NaN}
  }
}

/** VmRSS and VmHWM (peak resident set) in MiB, NaN once the process is gone. */
export function memoryMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
    return {rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024}
  } catch {
    return {rss: Number.NaN, hwm: Number.NaN}
  }
}

export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number)
  } catch {
    return [Number.NaN, Number.NaN, Number.NaN]
  }
}

/** The UDP error counters of a network namespace (/proc/net/snmp is per namespace): datagrams dropped because a socket's receive buffer was full, and all receive errors. */
export function udpErrors(ns) {
  try {
    const text = execFileSync('ip', ['netns', 'exec', ns, 'cat', '/proc/net/snmp'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
    const [head, values] = text.split('\n').filter((line) => line.startsWith('Udp:'))
    const names = head.split(/\s+/)
    const numbers = values.split(/\s+/).map(Number)
    const field = (name) => numbers[names.indexOf(name)]
    return {inErrors: field('InErrors'), rcvbufErrors: field('RcvbufErrors')}
  } catch {
    return {inErrors: Number.NaN, rcvbufErrors: Number.NaN}
  }
}

/** Share of the last 10 s in which some runnable task waited for a CPU (PSI), in %; NaN without PSI. */
export function cpuPressure() {
  try {
    return Number(/some avg10=([0-9.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? Number.NaN)
  } catch {
    return Number.NaN
  }
}

/**
 * CPU time the hypervisor took from this VM (all CPUs, /proc/stat "steal"),
 * in seconds since boot; NaN when not reported. PSI does not see it: a guest
 * whose host is busy just runs slower.
 */
export function stolenSeconds() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/)
    return Number(fields[8]) / 100
  } catch {
    return Number.NaN
  }
}

/**
 * Nanoseconds per iteration of a fixed integer loop (best of three): how
 * fast this CPU is right now. On a shared host it moved 2-5x within minutes,
 * for every server alike; printed at the start and the end of a run.
 */
export function calibrationNs() {
  const iterations = 20_000_000
  let best = Number.POSITIVE_INFINITY
  let sink = 0
  for (let round = 0; round < 3; round++) {
    const started = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) sink = (sink + (i & 7)) | 0
    best = Math.min(best, Number(process.hrtime.bigint() - started) / iterations)
  }
  return sink === -1 ? Number.NaN : best
}
