// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time was
// spent by self time, mapped back to the TypeScript source through dist's
// source maps. Also usable alone:  node cpuprofile-top.mjs FILE [N]
import {existsSync, readFileSync} from 'node:fs'
import {SourceMap} from 'node:module'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {relative} from 'node:path'

const maps = new Map()

function sourceMapFor(file) {
  if (!maps.has(file)) {
    let map
    try {
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')))
    } catch {}
    maps.set(file, map)
  }
  return maps.get(file)
}

/** 'src/x.ts:12' for compiled project code, 'node:internal/..:34' and the like otherwise. */
function locate(callFrame, repo) {
  const {url, lineNumber, columnNumber} = callFrame
  if (!url) return '(native)'
  if (!url.startsWith('file://')) return `${url}:${lineNumber + 1}`
  const file = fileURLToPath(url)
  const map = sourceMapFor(file)
  const entry = map?.findEntry(lineNumber, columnNumber)
  if (entry && entry.originalSource) {
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : new URL(entry.originalSource, pathToFileURL(file)).pathname
    return `${relative(repo, source)}:${entry.originalLine + 1}`
  }
  return `${relative(repo, file)}:${lineNumber + 1}`
}

const NOT_WORK = new Set(['(idle)', '(program)'])

/**
 * Self time per function over the samples taken in [fromUs, toUs] (V8's
 * monotonic clock, the one process.hrtime reads, in µs; default: the whole
 * profile), as a share of the busy samples: idle time is left out, so start-up
 * and waiting do not dilute the hot path.
 * @returns {{totalMs: number, idleMs: number, rows: {name: string, where: string, selfMs: number, pct: number}[], byFile: {file: string, selfMs: number, pct: number}[]}}
 */
export function topSelfTime(profilePath, repo, limit = 25, fromUs = -Infinity, toUs = Infinity) {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8'))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfUs = new Map()
  let at = profile.startTime
  let idleUs = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    if (at < fromUs || at > toUs) continue
    const id = profile.samples[i]
    if (NOT_WORK.has(nodes.get(id).callFrame.functionName)) {
      idleUs += delta
      continue
    }
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta)
  }
  const byFunction = new Map()
  let total = 0
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id).callFrame
    total += us
    const name = frame.functionName || '(anonymous)'
    const where = locate(frame, repo)
    const key = `${name}@${where}`
    const row = byFunction.get(key) ?? {name, where, selfMs: 0}
    row.selfMs += us / 1000
    byFunction.set(key, row)
  }
  const rows = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs)
  for (const row of rows) row.pct = (100 * row.selfMs * 1000) / total
  const files = new Map()
  for (const row of rows) {
    const file = row.where.replace(/:\d+$/, '')
    files.set(file, (files.get(file) ?? 0) + row.selfMs)
  }
  const byFile = [...files].map(([file, selfMs]) => ({file, selfMs, pct: (100 * selfMs * 1000) / total})).sort((a, b) => b.selfMs - a.selfMs)
  return {totalMs: total / 1000, idleMs: idleUs / 1000, rows: rows.slice(0, limit), byFile: byFile.slice(0, limit)}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, limit] = process.argv.slice(2)
  const repo = fileURLToPath(new URL('../..', import.meta.url))
  const top = topSelfTime(file, repo, Number(limit ?? 25))
  console.log(`busy ${top.totalMs.toFixed(0)} ms, idle ${top.idleMs.toFixed(0)} ms (percentages are of busy time)`)
  for (const row of top.rows) console.log(`${row.pct.toFixed(1).padStart(5)}%  ${row.selfMs.toFixed(0).padStart(6)} ms  ${row.name}  ${row.where}`)
  console.log('\nby file:')
  for (const row of top.byFile) console.log(`${row.pct.toFixed(1).padStart(5)}%  ${row.file}`)
}
