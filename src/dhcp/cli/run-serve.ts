import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'
import {Writable} from 'node:stream'
import {setFlagsFromString} from 'node:v8'

import {scopeFromFlags} from '../../lib/cli/scope-from-flags.js'
import {UserError} from '../../lib/errors.js'
import {parseIp4} from '../codec/ip4.js'
import {readDhcpConfigFile} from '../config/load-config-file.js'
import {DhcpConfigError, parseDhcpConfig} from '../config/parse-config.js'
import type {DhcpConfig} from '../config/schema.js'
import type {DhcpTransport} from '../engine-types.js'
import {createFileLeaseStore, type LeaseLogStats} from '../lease-store/index.js'
import {createConsoleLogger} from '../server/console-logger.js'
import {DhcpServer} from '../server/dhcp-server.js'
import type {DhcpLogger} from '../server/server-log.js'
import {warmUpEngine} from '../server/warm-up.js'
import {createInterfaceTransport, createUdpTransport, NativeAddonMissingError} from '../transport/index.js'
import type {ServeConfigFlags, ServeFlags} from './serve-flags.js'

// What `srvctl dhcp serve` does once its flags are parsed, shared by the oclif
// command and the lean start (serve-main.ts). Nothing here imports oclif.

/**
 * Kernel receive buffer per socket. The default (~200 KB) holds about 200
 * requests, a tenth of a second at 2 000 packets/s: a short pause of the
 * process (GC, a busy CPU) would make the kernel drop requests. 4 MiB rides
 * out pauses of more than a second at that rate.
 */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024

/**
 * Before the sockets open, the engine plays throwaway exchanges (warm-up.ts)
 * so that its first clients meet optimised code. Measured under perfdhcp at
 * 5500/s, REQUEST->ACK p99 in the first second: ~90 ms with none, 80-115 ms
 * after 4000, 13 ms after 12 000 (about 1.1 s, 1.6 s on a pinned busy CPU).
 * A restart on a large lease file must still answer within 3 s, so the
 * warm-up ends 2.3 s after the process started, after 512 at least (2000
 * took 0.6 s right after loading a million leases: with a slow load that
 * made the first OFFER 3.6 s late). The margin is for a disk still busy
 * writing back: the last batches' writes then take longer (with a 2.5 s
 * deadline the first OFFER came 2.52 s after start on a quiet disk, 2.76 s
 * right after a million leases were written).
 */
const WARM_UP = {exchanges: 12_000, minimum: 512, deadline: 2300}

/** Serves until SIGTERM or SIGINT; resolves once the server has stopped cleanly. Bad input throws a UserError. */
export async function runServe(flags: ServeFlags): Promise<void> {
  // V8 records type feedback for a function only from its ~8th call on, so a
  // branch the warm-up took once early (the first allocator page, the first
  // server identifier) looked never taken, and the optimised code was thrown
  // away when real clients took it. Set before the engine's first call; a
  // few hundred KiB more memory.
  setFlagsFromString('--no-lazy-feedback-allocation')
  const config = serveConfig(flags)
  const logger = createConsoleLogger({quiet: flags.quiet})
  const listen = flags.listen === undefined ? undefined : parseListen(flags.listen)
  const relayOnly = flags['relay-only'] || listen !== undefined || config.interfaces.length === 0
  const transport: DhcpTransport = relayOnly
    ? createUdpTransport({
        address: flags.listen ?? '0.0.0.0',
        port: flags.port,
        receiveBufferSize: RECEIVE_BUFFER_BYTES,
        onSendError: (error) => logger.warn(`send failed: ${error.message}`),
      })
    : createInterfaceTransport({interfaces: config.interfaces, port: flags.port, receiveBufferSize: RECEIVE_BUFFER_BYTES})
  mkdirSync(dirname(config.leaseFile), {recursive: true})
  const store = createFileLeaseStore({path: config.leaseFile, onWarning: (message) => logger.warn(`lease file: ${message}`)})
  const server = new DhcpServer({config, store, transport, logger, serverPort: flags.port, ownAddresses: listen === undefined ? [] : [listen]})
  let loadedAt: number
  let warmUp: {offers: number; acks: number}
  try {
    await server.load()
    loadedAt = performance.now()
    // Once the leases are loaded (a million records, long-lived, allocated
    // straight in the old generation as V8 decided while loading), stop V8
    // from changing that decision under traffic: each change threw away the
    // code that makes lease records (seen ~0.5 s into a flood of new clients).
    setFlagsFromString('--no-allocation-site-pretenuring')
    const discard = new Writable({write: (_chunk, _encoding, done) => done()})
    warmUp = await warmUpEngine({...WARM_UP, config, transport, logger: createConsoleLogger({quiet: flags.quiet, out: discard, err: discard})})
    await server.start()
  } catch (error) {
    await store.close().catch(() => undefined)
    throw startError(error, flags.port, config)
  }
  // Times from the process start (performance.now()), for whoever restarts a server on a large lease file.
  const ready = performance.now()
  logger.notice(
    `listening on ${relayOnly ? `${flags.listen ?? '0.0.0.0'} (relayed requests only)` : config.interfaces.join(', ')} port ${flags.port}; leases in ${config.leaseFile}; ` +
      `ready ${seconds(ready)} s after start (leases loaded at ${seconds(loadedAt)} s, ${warmUp.acks} warm-up exchanges)`,
  )
  await serveUntilStopped(server, logger, flags.range === undefined ? () => serveConfig(flags) : undefined, () => store.stats)
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(2)
}

/**
 * Waits for SIGTERM or SIGINT, reloading on SIGHUP and logging the counters (and the lease log's writes,
 * to see how well commits are grouped) on SIGUSR1; resolves once the server has stopped cleanly.
 */
function serveUntilStopped(server: DhcpServer, logger: DhcpLogger, rereadConfig: (() => DhcpConfig) | undefined, leaseLog: () => Readonly<LeaseLogStats>): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopping = false
    const reload = (): void => {
      if (rereadConfig === undefined) {
        logger.warn('SIGHUP: the scopes come from flags, nothing to reload')
        return
      }
      try {
        const next = rereadConfig()
        if (next.leaseFile !== server.config.leaseFile || next.interfaces.join() !== server.config.interfaces.join()) {
          logger.warn('the lease file or the interfaces changed: restart the server to use them')
        }
        server.reload({...next, leaseFile: server.config.leaseFile, interfaces: server.config.interfaces})
      } catch (error) {
        logger.error(`reload failed, still serving the previous configuration: ${(error as Error).message}`)
      }
    }
    const report = (): void => logger.notice(`stats: ${JSON.stringify({...server.stats(), leaseLog: leaseLog()})}`)
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return
      stopping = true
      logger.notice(`${signal}: stopping (finishing lease writes in flight)`)
      process.off('SIGHUP', reload)
      process.off('SIGUSR1', report)
      server.stop().then(() => {
        const {received, sent, dropped} = server.stats()
        const droppedTotal = Object.values(dropped).reduce((sum, n) => sum + n, 0)
        logger.notice(`stopped: received ${JSON.stringify(received)}, sent ${JSON.stringify(sent)}, dropped ${droppedTotal}`)
        resolve()
      }, reject)
    }
    process.on('SIGHUP', reload)
    process.on('SIGUSR1', report)
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })
}

/** The configuration to serve: one scope from the flags, or the file's, with --interface and --lease-file laid over it. */
export function serveConfig(flags: ServeConfigFlags): DhcpConfig {
  const fromFlags = flags.range !== undefined && flags.range.length > 0
  let input: Record<string, unknown>
  try {
    if (fromFlags) {
      const parts = Object.fromEntries(Object.entries(scopeFromFlags({...flags, interface: undefined})).filter(([, value]) => value !== undefined))
      input = {scopes: [{name: 'default', ...parts}]}
    } else {
      input = {...readDhcpConfigFile(flags.config)}
    }
    if (flags.interface !== undefined) input.interfaces = flags.interface
    if (flags['lease-file'] !== undefined) input.leaseFile = flags['lease-file']
    if (flags['warning-interval'] !== undefined) input.warningInterval = flags['warning-interval']
    input.rateLimit = rateLimitWithFlags(input.rateLimit, flags)
    return parseDhcpConfig(input, fromFlags ? '' : 'dhcp')
  } catch (error) {
    if (!(error instanceof DhcpConfigError)) throw error
    if (/rateLimit|warningInterval/.test(error.path) && RATE_FLAGS.some((flag) => flags[flag] !== undefined)) {
      throw new UserError(error.message, `check the ${RATE_FLAGS.map((flag) => `--${flag}`).join(', ')} values`)
    }
    if (fromFlags) throw new UserError(error.problem, 'check the --range, --exclude, --prefix, --lease-time and --option values')
    throw new UserError(error.message, `fix ${flags.config} or create scopes with \`srvctl dhcp scope add\`; or serve one scope from flags with --range`)
  }
}

const RATE_FLAGS = ['rate-limit-client', 'rate-limit-new-clients', 'rate-limit-tracked', 'warning-interval'] as const

/** The configuration's rateLimit with the --rate-limit-* flags laid over it (validated with the rest). */
function rateLimitWithFlags(fromFile: unknown, flags: ServeConfigFlags): unknown {
  const client = flags['rate-limit-client']
  const newClients = flags['rate-limit-new-clients']
  const tracked = flags['rate-limit-tracked']
  if (client === undefined && newClients === undefined && tracked === undefined) return fromFile
  const off = fromFile === false || fromFile === 'off'
  const base = typeof fromFile === 'object' && fromFile !== null ? {...fromFile} : off ? {perClient: false, newClients: false} : {}
  return {
    ...base,
    ...(client === undefined ? {} : {perClient: client}),
    ...(newClients === undefined ? {} : {newClients}),
    ...(tracked === undefined ? {} : {trackedClients: tracked}),
  }
}

function parseListen(text: string): number {
  const address = parseIp4(text)
  if (address === undefined || address === 0) {
    throw new UserError(`--listen ${text} is not a unicast IPv4 address`, 'give the address relays send to, e.g. --listen 198.18.0.2')
  }
  return address
}

function startError(error: unknown, port: number, config: DhcpConfig): UserError {
  if (error instanceof NativeAddonMissingError) {
    return new UserError(`the native socket addon is not built: ${error.message}`, 'build it with `npm run build:native` (needs build-essential and python3), or serve relayed clients only with --relay-only')
  }
  const code = (error as NodeJS.ErrnoException).code
  const message = (error as Error).message
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`not allowed to open the DHCP sockets or the lease file: ${message}`, 'run srvctl dhcp serve as root')
  if (code === 'EADDRINUSE') return new UserError(`port ${port} is in use: ${message}`, 'stop the other DHCP server (isc-dhcp-server, kea, dnsmasq) or choose another --port')
  if (code === 'ENODEV') return new UserError(`an interface to serve does not exist (${config.interfaces.join(', ')}): ${message}`, 'check the names with `ip link` and pass them with --interface')
  return new UserError(`the DHCP server could not start: ${message}`, 'see the message above; --relay-only avoids interface binding')
}
