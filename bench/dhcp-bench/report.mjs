// The result tables, printed as Markdown so they can go into docs/bench.md as they are.

function fmt(value, digits = 2) {
  return Number.isFinite(value) ? value.toFixed(digits) : '-'
}

function table(head, rows) {
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  console.log(lines.join('\n'))
}

const latency = (half) => `${fmt(half.avgMs)} / ${fmt(half.p99Ms)}`

export function printThroughput(throughput) {
  console.log('\n### Max sustained rate (≤ 1 % failed DORA exchanges)\n')
  const keaRate = throughput.kea?.best?.achievedRate
  const rows = Object.entries(throughput).map(([server, search]) => {
    const best = search.best
    const loads = search.steps.map((step) => step.loadAverage1)
    const pressures = search.steps.map((step) => step.cpuPressurePct)
    const loadRange = `${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)} / ${fmt(Math.min(...pressures), 0)}–${fmt(Math.max(...pressures), 0)} %`
    if (!best) return [server, `< ${search.failedRate ?? '?'}`, '-', '-', '-', '-', '-', '-', '-', '-', '-', loadRange]
    return [
      server,
      String(best.rate),
      fmt(best.achievedRate, 0),
      fmt(best.failedPct),
      fmt(best.do.avgMs),
      fmt(best.ra.avgMs),
      fmt(best.cpuPer1000, 3),
      fmt(best.perCpuSecond, 0),
      `${fmt(100 * best.serverCpuShare, 0)} %`,
      fmt(best.peakRssMiB, 1),
      keaRate ? `${fmt(best.achievedRate / keaRate)}×` : '-',
      loadRange,
    ]
  })
  table(
    ['server', 'max rate /s', 'completed /s', 'failed %', 'DISCOVER→OFFER avg ms', 'REQUEST→ACK avg ms', 'CPU s per 1000 DORA', 'DORA per CPU-second', 'server CPU use', 'peak RSS MiB', 'vs Kea (completed/s)', 'load avg (1 min) / CPU pressure over its steps'],
    rows,
  )
  console.log('\n(first failing rate: ' + Object.entries(throughput).map(([server, search]) => `${server} ${search.failedRate ?? 'none up to the cap'}`).join(', ') + ')')
}

export function printHalfRate(results, rate) {
  console.log(`\n### Latency at half of srvctl's max rate (${rate}/s), fresh servers\n`)
  table(
    ['server', 'failed %', 'completed /s', 'DISCOVER→OFFER avg / p99 ms', 'REQUEST→ACK avg / p99 ms', 'CPU s per 1000 DORA', 'peak RSS MiB', 'load avg / CPU pressure / CPU s stolen by the host'],
    Object.entries(results).map(([server, step]) => [server, fmt(step.failedPct), fmt(step.achievedRate, 0), latency(step.do), latency(step.ra), fmt(step.cpuPer1000, 3), fmt(step.peakRssMiB, 1), `${fmt(step.loadAverage1, 1)} / ${fmt(step.cpuPressurePct, 0)} % / ${fmt(step.stolenSeconds, 1)}`]),
  )
}

export function printLargeState(large, leases, rate) {
  console.log(`\n### Large state: ${leases} active leases loaded from each server's own lease file\n`)
  const servers = Object.keys(large).filter((key) => key !== 'leases')
  table(
    ['server', 'first OFFER after start, ms', 'same with an empty lease file, ms', 'RSS after loading MiB', 'peak RSS MiB', `at ${rate ?? '-'}/s: failed %`, 'DISCOVER→OFFER avg / p99 ms', 'REQUEST→ACK avg / p99 ms'],
    servers.map((server) => {
      const r = large[server]
      const h = r.halfRate
      return [server, String(r.firstOfferMs ?? 'no answer'), String(r.empty.firstOfferMs ?? 'no answer'), fmt(r.rssAfterLoadMiB, 1), fmt(r.peakRssMiB, 1), h ? fmt(h.failedPct) : '-', h ? latency(h.do) : '-', h ? latency(h.ra) : '-']
    }),
  )
}

export function printPoolMemory(pools) {
  console.log('\n### Memory against pool size (no leases yet)\n')
  const rows = []
  for (const [server, byPool] of Object.entries(pools)) {
    for (const [label, r] of Object.entries(byPool)) {
      rows.push([server, `${label} (${r.pool})`, fmt(r.idleRssMiB, 1), fmt(r.rssMiB, 1), fmt(r.peakRssMiB, 1), `${r.completed} (${fmt(r.failedPct)} % failed)`])
    }
  }
  table(['server', 'pool', 'RSS idle MiB', 'RSS after the exchanges MiB', 'peak RSS MiB', 'exchanges done'], rows)
}

export function printProfile(profile) {
  console.log(`\n### srvctl CPU profile at ${profile.rate}/s (self time)\n`)
  if (profile.error) {
    console.log(profile.error)
    return
  }
  console.log(`profile: ${profile.file}; during the load: ${fmt(profile.totalMs, 0)} ms busy, ${fmt(profile.idleMs, 0)} ms idle; shares are of the busy time\n`)
  table(['self %', 'self ms', 'function', 'where'], profile.rows.map((row) => [fmt(row.pct, 1), fmt(row.selfMs, 0), `\`${row.name}\``, row.where]))
  console.log('')
  table(['self %', 'file'], profile.byFile.slice(0, 15).map((row) => [fmt(row.pct, 1), row.file]))
}
