// bench/dhcp: throughput, latency, CPU and memory of srvctl's DHCPv4 engine
// against Kea, ISC dhcpd and dnsmasq, all driven by perfdhcp as a relay agent
// inside two network namespaces this run creates (198.18.0.0/15 only) and
// removes again, whatever happens. See docs/bench.md.
import {execFileSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, release, totalmem} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

import {killAllSync, runIn, sleep, stop, useNiceness} from './children.mjs'
import {topSelfTime} from './cpuprofile-top.mjs'
import {writeKeaLeases, writeSrvctlLeases} from './lease-files.mjs'
import {createNamespaces, destroyNamespaces, listensOnPort67, namespaceNames, RELAY_ADDRESS, SERVER_ADDRESS} from './netns.mjs'
import {runPerfdhcp} from './perfdhcp.mjs'
import {calibrationNs, cpuPressure, cpuTimes, loadAverage, memoryMiB, stolenSeconds, udpErrors} from './proc-stats.mjs'
import {createRotation} from './interleave.mjs'
import {findMaxRate, MAX_FAILED_PCT} from './ramp.mjs'
import {printLargeState, printPoolMemory, printProfile, printHalfRate, printThroughput} from './report.mjs'
import {perfdhcpVersion, RELAYED_SCOPE, SERVER_NAMES, SERVERS} from './servers.mjs'
import {snapshotSrvctl} from './srvctl-snapshot.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const SERVER_CPU = 0
const CLIENT_CPU = 1
/** 198.32.0.1: the large-state leases start here, inside the served 198.0.0.0/8 (no traffic ever goes to them: relayed replies go to giaddr). */
const LARGE_FIRST_ADDRESS = (198 << 24 >>> 0) + (32 << 16) + 1
const LARGE_SCOPE = {network: '198.0.0.0', prefix: 8, poolStart: '198.32.0.1', poolEnd: '198.63.255.254', leaseTime: 3600, router: RELAY_ADDRESS}
const POOL_SCOPES = {
  '/8': {network: '198.0.0.0', prefix: 8, poolStart: '198.0.0.1', poolEnd: '198.255.255.254', leaseTime: 3600, router: RELAY_ADDRESS},
  '/24': {network: '198.19.0.0', prefix: 24, poolStart: '198.19.0.10', poolEnd: '198.19.0.250', leaseTime: 3600, router: RELAY_ADDRESS},
}

const USAGE = `usage: bench/dhcp [options]      (as root)
  --quick               smoke run (~2-3 min): 2 s steps, fewer points, 100 000 large-state leases
  --servers LIST        comma-separated subset of ${SERVER_NAMES.join(',')} (default: all installed)
  --duration SECONDS    length of each perfdhcp step (default 10, quick 2)
  --clients N           simulated clients, random MACs (default 10000)
  --large-leases N      leases in the large-state run (default 1000000, quick 100000; 0 skips it)
  --out FILE            also write every result as JSON to FILE
  --nice=N              run the servers and perfdhcp at this niceness (e.g. --nice=-20: ahead of other jobs on a busy machine)
  --profile             also profile srvctl (node --cpu-prof) at its max rate and list hot spots
  --build               compile (npx tsc) before running
  --keep                keep the work directory (configs, logs, lease files)
  --workdir DIR         where lease files go (default: a new directory under /var/tmp, on disk)
  -h, --help`

function options() {
  let parsed
  try {
    parsed = parseArgs({
    options: {
      quick: {type: 'boolean', default: false},
      servers: {type: 'string'},
      duration: {type: 'string'},
      clients: {type: 'string', default: '10000'},
      'large-leases': {type: 'string'},
      out: {type: 'string'},
      profile: {type: 'boolean', default: false},
      nice: {type: 'string', default: '0'},
      build: {type: 'boolean', default: false},
      keep: {type: 'boolean', default: false},
      workdir: {type: 'string'},
      help: {type: 'boolean', short: 'h', default: false},
    },
  })
  } catch (error) {
    fail(`${error.message}\n${USAGE}`)
  }
  const {values} = parsed
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const quick = values.quick
  const servers = (values.servers ?? SERVER_NAMES.join(',')).split(',').map((name) => name.trim()).filter(Boolean)
  for (const name of servers) if (!SERVERS[name]) fail(`unknown server ${name}; choose from ${SERVER_NAMES.join(', ')}`)
  const positive = (text, what) => {
    const value = Number(text)
    if (!Number.isInteger(value) || value < 0) fail(`${what} must be a whole number, not ${text}`)
    return value
  }
  return {
    quick,
    servers,
    seconds: positive(values.duration ?? (quick ? '2' : '10'), '--duration') || 1,
    clients: positive(values.clients, '--clients') || 1,
    largeLeases: positive(values['large-leases'] ?? (quick ? '100000' : '1000000'), '--large-leases'),
    out: values.out === undefined ? undefined : resolve(values.out),
    profile: values.profile,
    nice: (() => {
      const value = Number(values.nice)
      if (!Number.isInteger(value) || value < -20 || value > 19) fail(`--nice must be a whole number from -20 to 19, not ${values.nice}`)
      return value
    })(),
    build: values.build,
    keep: values.keep,
    workdir: values.workdir,
    plan: quick
      ? {startRate: 500, minRate: 16, maxRate: 64_000, maxCoarseSteps: 8, maxBisections: 1, tolerance: 0.1, retries: 0}
      : {startRate: 250, minRate: 16, maxRate: 64_000, maxCoarseSteps: 10, maxBisections: 4, tolerance: 0.05, retries: 1},
  }
}

function fail(message) {
  console.error(`bench/dhcp: ${message}`)
  process.exit(2)
}

function has(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

function machine(repo, servers, srvctlBuild) {
  const model = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown'
  return {
    date: new Date().toISOString(),
    nproc: cpus().length,
    model,
    kernel: release(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: loadAverage(),
    versions: Object.fromEntries([...servers.map((name) => [name, SERVERS[name].version(repo, srvctlBuild)]), ['perfdhcp', perfdhcpVersion()]]),
  }
}

async function main() {
  const opts = options()
  if (process.getuid?.() !== 0) fail('run as root (it creates network namespaces and binds port 67)')
  for (const tool of ['ip', 'ss', 'taskset', 'perfdhcp']) if (!has(tool)) fail(`${tool} is not installed`)
  const binaries = {srvctl: 'node', kea: 'kea-dhcp4', dhcpd: 'dhcpd', dnsmasq: 'dnsmasq'}
  const missing = opts.servers.filter((name) => !has(binaries[name]))
  for (const name of missing) console.log(`skipping ${name}: ${binaries[name]} is not installed`)
  const servers = opts.servers.filter((name) => !missing.includes(name))
  const repo = resolve(HERE, '..', '..')
  if (opts.build) {
    console.log('compiling (npx tsc -p tsconfig.json, then the serve bundle) ...')
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], {cwd: repo, stdio: 'ignore'})
    } catch {
      console.log('  tsc reported errors (it still emits); going on with what dist/ holds')
    }
    execFileSync('node', ['scripts/bundle-serve.mjs'], {cwd: repo, stdio: 'inherit'})
  }
  if (servers.includes('srvctl') && !existsSync(join(repo, 'dist', 'src', 'commands', 'dhcp', 'serve.js'))) {
    fail('dist/ has no srvctl build: run `npx tsc -p tsconfig.json` first (or pass --build)')
  }

  useNiceness(opts.nice)
  const id = process.env.BENCH_ID ?? String(process.pid)
  const names = namespaceNames(id)
  const workdir = opts.workdir ? resolve(opts.workdir) : mkdtempSync('/var/tmp/srvctl-dhcp-bench-')
  mkdirSync(workdir, {recursive: true})
  installCleanup(names, workdir, opts.keep || opts.workdir !== undefined)

  const srvctl = servers.includes('srvctl') ? snapshotSrvctl(repo, workdir) : undefined
  const results = {machine: machine(repo, servers, srvctl), options: {...opts, servers}, srvctlBuild: srvctl, throughput: {}, halfRate: {}, large: {}, pools: {}}
  results.host = {calibrationNsAtStart: calibrationNs(), stolenSecondsAtStart: stolenSeconds()}
  printHeader(results.machine, opts)
  console.log(`host speed at start: ${fmt(results.host.calibrationNsAtStart, 2)} ns per iteration of a fixed loop (lower is faster)`)
  if (srvctl?.rateLimitFlags) console.log('srvctl runs with --rate-limit-client off --rate-limit-new-clients off (the other servers do not rate-limit by default)')
  destroyNamespaces(names)
  createNamespaces(names)

  let stepNumber = 0
  /** One perfdhcp step against a freshly started server with an empty lease file; percentiles only with timestamps. */
  const step = async (server, rate, {timestamps = true, scope = RELAYED_SCOPE, seconds = opts.seconds} = {}) => {
    const dir = join(workdir, `${server}-${++stepNumber}`)
    mkdirSync(dir)
    const ctx = {ns: names.server, serverIf: names.serverIf, dir, cpu: SERVER_CPU, srvctl}
    const child = SERVERS[server].start(ctx, scope)
    try {
      await waitReady(child, names.server, 30_000, dir)
      const measured = await measureLoad(child, {ns: names.client, cpu: CLIENT_CPU, rate, clients: opts.clients, seconds, timestamps, outFile: join(dir, 'perfdhcp.out')}, names.server)
      console.log(`  ${server.padEnd(8)} ${String(rate).padStart(6)}/s: ${describeStep(measured)}`)
      return measured
    } finally {
      await stop(child)
      if (!opts.keep) rmSync(dir, {recursive: true, force: true})
    }
  }

  // 1. Max sustained rate per server, the servers' steps interleaved.
  console.log(`\nramps (${opts.seconds} s per step, ${opts.clients} clients, fresh server per step; servers take turns step by step)`)
  const rotation = createRotation(servers)
  await Promise.all(
    servers.map(async (server) => {
      try {
        // Without perfdhcp's timestamps (perfdhcp.mjs says why): averages only, p99 comes at half rate.
        const search = await findMaxRate((rate) => rotation.turn(server, () => step(server, rate, {timestamps: false})), opts.plan)
        results.throughput[server] = search
      } finally {
        rotation.finish(server)
      }
    }),
  )
  results.throughput = Object.fromEntries(servers.map((server) => [server, results.throughput[server]]))
  for (const server of servers) {
    const best = results.throughput[server].best
    console.log(best ? `  => ${server}: ${best.rate}/s sustained (${best.achievedRate.toFixed(0)} completed/s, ${best.failedPct.toFixed(2)} % failed)` : `  => ${server}: not even ${opts.plan.minRate}/s`)
  }
  printThroughput(results.throughput, results.machine)

  const srvctlBest = results.throughput.srvctl?.best
  const halfRate = srvctlBest ? Math.max(1, Math.round(srvctlBest.rate / 2)) : undefined

  // 2. Latency at half of srvctl's max rate, every server, fresh state.
  if (halfRate !== undefined) {
    console.log(`\nlatency at half of srvctl's max rate (${halfRate}/s), fresh servers`)
    for (const server of servers) results.halfRate[server] = await step(server, halfRate)
    printHalfRate(results.halfRate, halfRate)
  }

  // 3. Large state: srvctl and Kea with the same N active leases.
  const largeServers = servers.filter((name) => name === 'srvctl' || name === 'kea')
  if (opts.largeLeases > 0 && largeServers.length > 0) {
    results.large = await largeState(largeServers, {names, workdir, srvctl, opts, halfRate})
    printLargeState(results.large, opts.largeLeases, halfRate)
  }

  // 4. Memory with an empty /8 pool against a /24 pool.
  for (const server of largeServers) {
    results.pools[server] = {}
    for (const [label, scope] of Object.entries(POOL_SCOPES)) {
      results.pools[server][label] = await poolMemory(server, scope, {names, workdir, srvctl, keep: opts.keep})
    }
  }
  if (largeServers.length > 0) printPoolMemory(results.pools)

  // 5. Where srvctl spends its time under load.
  if (opts.profile && servers.includes('srvctl')) {
    const rate = srvctlBest?.rate ?? 2000
    results.profile = await profileSrvctl({names, workdir, srvctl, rate, opts})
    printProfile(results.profile)
  }

  results.finishedAt = new Date().toISOString()
  results.loadAverageAtEnd = loadAverage()
  results.host.calibrationNsAtEnd = calibrationNs()
  results.host.stolenSeconds = stolenSeconds() - results.host.stolenSecondsAtStart
  console.log(`\nload average at the end: ${results.loadAverageAtEnd.join(' ')}   (${results.machine.nproc} CPUs)`)
  console.log(
    `host speed at the end: ${fmt(results.host.calibrationNsAtEnd, 2)} ns per loop iteration (${fmt(results.host.calibrationNsAtStart, 2)} at start); ` +
      `the hypervisor took ${fmt(results.host.stolenSeconds, 1)} CPU-seconds from this VM during the run`,
  )
  if (opts.out) {
    writeFileSync(opts.out, JSON.stringify(results, null, 2))
    console.log(`results written to ${opts.out}`)
  }
}

async function waitReady(child, ns, timeoutMs, dir) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during start (${child.exitCode ?? child.signalCode}); see ${dir} (run with --keep)`)
    }
    if (listensOnPort67(ns)) {
      await sleep(200) // bound is not quite serving for every server (Kea opens its socket before its last setup)
      return
    }
    await sleep(50)
  }
  throw new Error(`the server did not listen on port 67 within ${timeoutMs / 1000} s; see ${dir}`)
}

/** Runs perfdhcp against a started server and adds what /proc says about the server over that time. */
async function measureLoad(child, perf, serverNs) {
  const load = loadAverage()[0]
  const serverUdpBefore = udpErrors(serverNs)
  const clientUdpBefore = udpErrors(perf.ns)
  const cpuBefore = cpuTimes(child.pid)
  const stolenBefore = stolenSeconds()
  const started = Date.now()
  const fromUs = Number(process.hrtime.bigint() / 1000n)
  const stats = await runPerfdhcp(perf)
  const toUs = Number(process.hrtime.bigint() / 1000n)
  const wall = (Date.now() - started) / 1000
  const cpuAfter = cpuTimes(child.pid)
  const cpu = cpuAfter.total - cpuBefore.total
  const memory = memoryMiB(child.pid)
  return {
    ...stats,
    // Where datagrams were lost for want of buffer: at the server's socket (server too slow) or at perfdhcp's (client too slow).
    serverRcvbufErrors: udpErrors(serverNs).rcvbufErrors - serverUdpBefore.rcvbufErrors,
    clientRcvbufErrors: udpErrors(perf.ns).rcvbufErrors - clientUdpBefore.rcvbufErrors,
    serverCpuSeconds: cpu,
    serverUserSeconds: cpuAfter.user - cpuBefore.user,
    serverSystemSeconds: cpuAfter.system - cpuBefore.system,
    // What one fully available CPU would give at this cost per exchange: independent of how much of CPU 0 other jobs took.
    perCpuSecond: cpu > 0 ? stats.completed / cpu : Number.NaN,
    window: {fromUs, toUs},
    cpuPer1000: stats.completed > 0 ? (1000 * cpu) / stats.completed : Number.NaN,
    serverCpuShare: cpu / wall,
    rssMiB: memory.rss,
    peakRssMiB: memory.hwm,
    loadAverage1: load,
    // Taken as the step ends, so it covers its last 10 s: how often something waited for a CPU meanwhile.
    cpuPressurePct: cpuPressure(),
    // CPU time the hypervisor took from the VM during the step (both CPUs).
    stolenSeconds: stolenSeconds() - stolenBefore,
  }
}

function describeStep(step) {
  return (
    `${step.failedPct.toFixed(2).padStart(6)} % failed, ${step.achievedRate.toFixed(0).padStart(5)} done/s, ` +
    `DO ${fmt(step.do.avgMs)}/${fmt(step.do.p99Ms)} ms, RA ${fmt(step.ra.avgMs)}/${fmt(step.ra.p99Ms)} ms (avg/p99), ` +
    `cpu ${fmt(step.cpuPer1000, 3)} s/1000 = ${fmt(step.perCpuSecond, 0)}/cpu-s (${(100 * step.serverCpuShare).toFixed(0)} % of a core), ` +
    `peak ${fmt(step.peakRssMiB, 1)} MiB, rcvbuf drops ${step.serverRcvbufErrors}/${step.clientRcvbufErrors} (server/client), load ${fmt(step.loadAverage1, 1)}, cpu pressure ${fmt(step.cpuPressurePct, 0)} %, stolen ${fmt(step.stolenSeconds, 1)} s` +
    (step.passed === false ? '  FAIL' : '')
  )
}

function fmt(value, digits = 2) {
  return Number.isFinite(value) ? value.toFixed(digits) : '-'
}

async function largeState(servers, {names, workdir, srvctl, opts, halfRate}) {
  const dir = join(workdir, 'large')
  mkdirSync(dir, {recursive: true})
  const now = Math.floor(Date.now() / 1000)
  const shape = {count: opts.largeLeases, first: LARGE_FIRST_ADDRESS, leaseTime: LARGE_SCOPE.leaseTime, validFor: 3000, now}
  const results = {leases: opts.largeLeases}
  for (const server of servers) {
    const generated = Date.now()
    if (server === 'srvctl') writeSrvctlLeases(SERVERS.srvctl.leaseFile(dir), {...shape, scopeName: 'default'})
    else writeKeaLeases(SERVERS.kea.leaseFile(dir), {...shape, subnetId: 1})
    console.log(`\n${server}: wrote ${opts.largeLeases} leases in ${((Date.now() - generated) / 1000).toFixed(1)} s; starting on them`)
    results[server] = {
      empty: await firstOffer(server, {names, dir: join(dir, 'empty'), srvctl, scope: LARGE_SCOPE}),
      ...(await firstOffer(server, {names, dir, srvctl, scope: LARGE_SCOPE, halfRate, seconds: opts.seconds, clients: opts.clients})),
    }
    const r = results[server]
    console.log(`  first OFFER ${r.firstOfferMs} ms after start (empty lease file: ${r.empty.firstOfferMs} ms); RSS ${fmt(r.rssAfterLoadMiB, 1)} MiB after loading, peak ${fmt(r.peakRssMiB, 1)} MiB`)
    if (!opts.keep) rmSync(SERVERS[server].leaseFile(dir), {force: true})
  }
  return results
}

/** Starts the server, times its first OFFER, measures its memory and, given halfRate, its latency under load with that state. */
async function firstOffer(server, {names, dir, srvctl, scope, halfRate, seconds, clients}) {
  mkdirSync(dir, {recursive: true})
  const ctx = {ns: names.server, serverIf: names.serverIf, dir, cpu: SERVER_CPU, srvctl}
  const t0 = Date.now()
  const child = SERVERS[server].start(ctx, scope)
  try {
    const probeOut = join(dir, `${server}-probe.out`)
    rmSync(probeOut, {force: true})
    await runIn(names.client, CLIENT_CPU, 'node', [join(HERE, 'probe.mjs'), RELAY_ADDRESS, SERVER_ADDRESS, String(t0), '300000'], {logFile: probeOut, timeoutMs: 310_000})
    const firstOfferMs = JSON.parse(readFileSync(probeOut, 'utf8').trim().split('\n').pop() || '{"ms":null}').ms
    await waitReady(child, names.server, 60_000, dir)
    const memory = memoryMiB(child.pid)
    const result = {firstOfferMs, rssAfterLoadMiB: memory.rss, peakRssMiB: memory.hwm}
    if (halfRate !== undefined) {
      const load = await measureLoad(child, {ns: names.client, cpu: CLIENT_CPU, rate: halfRate, clients, seconds, outFile: join(dir, `${server}-half.out`)}, names.server)
      console.log(`  ${server} with the leases at ${halfRate}/s: ${describeStep(load)}`)
      result.halfRate = load
      result.peakRssMiB = load.peakRssMiB
    }
    return result
  } finally {
    await stop(child, 30_000)
  }
}

async function poolMemory(server, scope, {names, workdir, srvctl, keep}) {
  const dir = join(workdir, `pool-${server}-${scope.prefix}`)
  mkdirSync(dir, {recursive: true})
  const ctx = {ns: names.server, serverIf: names.serverIf, dir, cpu: SERVER_CPU, srvctl}
  const child = SERVERS[server].start(ctx, scope)
  try {
    await waitReady(child, names.server, 60_000, dir)
    const idle = memoryMiB(child.pid)
    // A few hundred exchanges, so the allocator has been used, not only built.
    const load = await runPerfdhcp({ns: names.client, cpu: CLIENT_CPU, rate: 200, clients: 200, seconds: 1, outFile: join(dir, 'perfdhcp.out')})
    const memory = memoryMiB(child.pid)
    console.log(`  ${server} pool ${scope.poolStart}-${scope.poolEnd}: RSS ${fmt(idle.rss, 1)} MiB idle, ${fmt(memory.rss, 1)} MiB after ${load.completed} exchanges, peak ${fmt(memory.hwm, 1)} MiB`)
    return {pool: `${scope.poolStart}-${scope.poolEnd}`, idleRssMiB: idle.rss, rssMiB: memory.rss, peakRssMiB: memory.hwm, completed: load.completed, failedPct: load.failedPct}
  } finally {
    await stop(child)
    if (!keep) rmSync(dir, {recursive: true, force: true})
  }
}

async function profileSrvctl({names, workdir, srvctl, rate, opts}) {
  const dir = join(workdir, 'profile')
  mkdirSync(dir, {recursive: true})
  const ctx = {ns: names.server, serverIf: names.serverIf, dir, cpu: SERVER_CPU, srvctl, nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir]}
  console.log(`\nprofiling srvctl at ${rate}/s for ${opts.seconds} s (node --cpu-prof)`)
  const child = SERVERS.srvctl.start(ctx, RELAYED_SCOPE)
  let load
  try {
    await waitReady(child, names.server, 30_000, dir)
    load = await measureLoad(child, {ns: names.client, cpu: CLIENT_CPU, rate, clients: opts.clients, seconds: opts.seconds, outFile: join(dir, 'perfdhcp.out')}, names.server)
    console.log(`  under the profiler: ${describeStep(load)}`)
  } finally {
    await stop(child, 30_000) // the profile is written as node exits
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) return {rate, error: 'no .cpuprofile written'}
  const kept = opts.out ? opts.out.replace(/\.json$/, '') + '.cpuprofile' : join('/var/tmp', `srvctl-dhcp-${Date.now()}.cpuprofile`)
  copyFileSync(join(dir, file), kept)
  return {rate, load, file: kept, ...topSelfTime(kept, srvctl.root, 25, load.window.fromUs, load.window.toUs)}
}

function printHeader(machine, opts) {
  console.log(`srvctl DHCP benchmark — ${machine.date}`)
  console.log(`machine: ${machine.nproc} × ${machine.model}, ${machine.memoryGiB} GiB, kernel ${machine.kernel}, node ${machine.node}`)
  for (const [name, version] of Object.entries(machine.versions)) console.log(`  ${name}: ${version}`)
  console.log(`load average at start: ${machine.loadAverage.join(' ')}, CPU pressure (PSI some avg10) ${fmt(cpuPressure(), 0)} %`)
  console.log(`server on CPU ${SERVER_CPU}, perfdhcp on CPU ${CLIENT_CPU} (niceness ${opts.nice}); ${opts.clients} clients; ${opts.seconds} s per step; pass = at most ${MAX_FAILED_PCT} % of DORA exchanges failed`)
}

let cleaned = false
function installCleanup(names, workdir, keepWorkdir) {
  const cleanup = () => {
    if (cleaned) return
    cleaned = true
    killAllSync()
    destroyNamespaces(names)
    if (!keepWorkdir) rmSync(workdir, {recursive: true, force: true})
    else console.log(`work directory kept: ${workdir}`)
  }
  process.on('exit', cleanup)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping, removing the namespaces`)
      cleanup()
      process.exit(128 + ({SIGINT: 2, SIGTERM: 15, SIGHUP: 1})[signal])
    })
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench/dhcp failed: ${error.stack ?? error}`)
    process.exit(1)
  },
)
