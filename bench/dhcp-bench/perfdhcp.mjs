// Drives perfdhcp as a relay agent (it binds giaddr:67 and the server answers
// there) and turns its report into numbers. perfdhcp gives min/avg/max delay
// per exchange half but no percentiles, so where percentiles are wanted it
// runs with `-x t`, which prints the send and receive timestamps of every
// successful exchange; percentiles are computed from those. That costs
// perfdhcp dearly: it keeps every timestamp in memory (1.8 GB after 10 s at
// 12 000/s) and, on its one CPU, tops out near 11 000-12 000 exchanges/s,
// below what srvctl sustains; without it perfdhcp drives 14 000/s with
// under 1 % failed. So the ramps run without timestamps.
import {readFileSync} from 'node:fs'

import {runIn} from './children.mjs'
import {RELAY_ADDRESS, SERVER_ADDRESS} from './netns.mjs'

/** After the sending period, how long perfdhcp keeps receiving (µs): one drop time, so late answers still count. */
const EXIT_WAIT_US = 1_000_000

// Single-threaded: in its default multi-thread mode, on one pinned CPU,
// perfdhcp sends in bursts that overflow the server's receive buffer (drops
// counted as the server's UdpRcvbufErrors at rates any server here sustains
// when the packets come evenly).
const THREAD_MODE = ['-g', 'single']

/**
 * @returns {Promise<ExchangeStats>} one step's results
 */
export async function runPerfdhcp({ns, cpu, rate, clients, seconds, outFile, timestamps = true, extraArgs = []}) {
  const args = [
    '-4', ...THREAD_MODE, '-l', RELAY_ADDRESS,
    '-r', String(rate), '-R', String(clients), '-p', String(seconds),
    '-W', String(EXIT_WAIT_US),
    ...(timestamps ? ['-x', 't'] : []),
    ...extraArgs,
    SERVER_ADDRESS,
  ]
  const status = await runIn(ns, cpu, 'perfdhcp', args, {logFile: outFile, timeoutMs: (seconds + 30) * 1000})
  const stats = parsePerfdhcp(readFileSync(outFile, 'utf8'), seconds)
  return {...stats, exitCode: status.code, rate, clients, seconds}
}

/**
 * @typedef {{sent: number, received: number, drops: number, orphans: number, avgMs: number, maxMs: number, p50Ms: number, p99Ms: number}} HalfStats
 * @typedef {{do: HalfStats, ra: HalfStats, started: number, completed: number, failed: number, failedPct: number, achievedRate: number}} ExchangeStats
 */
export function parsePerfdhcp(text, seconds) {
  const half = (title) => {
    const start = text.indexOf(`***Statistics for: ${title}***`)
    const section = start < 0 ? '' : text.slice(start, text.indexOf('***', start + 20 + title.length))
    const number = (label) => Number(new RegExp(`^${label}:\\s*([0-9.]+)`, 'm').exec(section)?.[1] ?? Number.NaN)
    const delays = delaysOf(text, title)
    return {
      sent: number('sent packets'),
      received: number('received packets'),
      drops: number('drops'),
      orphans: number('orphans'),
      avgMs: number('avg delay'),
      maxMs: number('max delay'),
      p50Ms: percentile(delays, 0.5),
      p99Ms: percentile(delays, 0.99),
      timed: delays.length,
    }
  }
  const discoverOffer = half('DISCOVER-OFFER')
  const requestAck = half('REQUEST-ACK')
  const started = discoverOffer.sent
  // A DORA fails when the OFFER or the ACK never came back within the drop
  // time. REQUESTs perfdhcp chose not to send (offers that arrived in the
  // final wait) are neither started nor failed exchanges.
  const failed = (discoverOffer.sent - discoverOffer.received) + (requestAck.sent - requestAck.received)
  const completed = requestAck.received
  return {
    do: discoverOffer,
    ra: requestAck,
    started,
    completed,
    failed,
    failedPct: started > 0 ? (100 * failed) / started : 100,
    achievedRate: completed / seconds,
  }
}

/** Delays in ms of every successful exchange of this kind, sorted (none without `-x t`). */
function delaysOf(text, title) {
  const start = text.indexOf(`***Timestamps for packets: ${title}***`)
  if (start < 0) return []
  const end = text.indexOf('***', start + 30 + title.length)
  const section = text.slice(start, end < 0 ? undefined : end)
  const delays = []
  const line = /sent \/ received: ([0-9.]+) \/ ([0-9.]+)/g
  for (let match = line.exec(section); match; match = line.exec(section)) {
    delays.push((Number(match[2]) - Number(match[1])) * 1000)
  }
  return delays.sort((a, b) => a - b)
}

/** Nearest-rank percentile of sorted values (NaN when there are none). */
export function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil(fraction * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}
