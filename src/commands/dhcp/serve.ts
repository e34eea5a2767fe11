import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'

import {Flags} from '@oclif/core'

import {parseIp4} from '../../dhcp/codec/ip4.js'
import {DEFAULT_DHCP_CONFIG_FILE, readDhcpConfigFile} from '../../dhcp/config/load-config-file.js'
import {DhcpConfigError, parseDhcpConfig} from '../../dhcp/config/parse-config.js'
import {DEFAULT_LEASE_FILE, type DhcpConfig} from '../../dhcp/config/schema.js'
import type {DhcpTransport} from '../../dhcp/engine-types.js'
import {createFileLeaseStore, type LeaseLogStats} from '../../dhcp/lease-store/index.js'
import {createConsoleLogger} from '../../dhcp/server/console-logger.js'
import {DhcpServer} from '../../dhcp/server/dhcp-server.js'
import type {DhcpLogger} from '../../dhcp/server/server-log.js'
import {createInterfaceTransport, createUdpTransport, NativeAddonMissingError} from '../../dhcp/transport/index.js'
import {BaseCommand} from '../../lib/base-command.js'
import {type ScopeFlagValues, scopeFlags, scopeFromFlags} from '../../lib/cli/dhcp-scope-flags.js'
import {UserError} from '../../lib/errors.js'

/** The flags serveConfig reads. */
export interface ServeConfigFlags extends Omit<ScopeFlagValues, 'interface' | 'subnet' | 'description'> {
  interface?: string[]
  config: string
  'lease-file'?: string
  'rate-limit-client'?: string
  'rate-limit-new-clients'?: string
  'rate-limit-tracked'?: number
  'warning-interval'?: string
}

/**
 * Kernel receive buffer per socket. The default (~200 KB) holds about 200
 * requests, a tenth of a second at 2 000 packets/s: a short pause of the
 * process (GC, a busy CPU) would make the kernel drop requests. 4 MiB rides
 * out pauses of more than a second at that rate.
 */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024

export default class DhcpServe extends BaseCommand {
  static override enableJsonFlag = false
  static override summary = 'Run the built-in DHCPv4 server in the foreground.'
  static override description = `Hands out addresses on the given interfaces (and to clients behind DHCP relays) and keeps every lease in a durable lease file, so a restart never gives one address to two clients.

Without --range it serves the scopes saved with \`srvctl dhcp scope ...\` (the file \`srvctl enable dhcp\` writes, or --config FILE with a "dhcp:" section). With --range it serves one scope built from the flags.

Logs one line per message in and out on stdout (--quiet: warnings and errors only). SIGHUP re-reads the configuration file without losing leases; SIGUSR1 logs the counters; SIGTERM or SIGINT stop receiving, finish the lease writes in flight and exit 0.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --interface eth1 --range 192.168.10.50-192.168.10.200 --router 192.168.10.1 --dns 192.168.10.1 --domain example.test',
    '<%= config.bin %> <%= command.id %> --interface eth1 --range 192.168.10.50-192.168.10.200 --exclude 192.168.10.60-192.168.10.69 --lease-time 12h --option "ntp-servers 192.168.10.1"',
    '<%= config.bin %> <%= command.id %> --config /etc/srvctl/dhcp4.yaml',
    '<%= config.bin %> <%= command.id %> --relay-only --listen 198.18.0.2 --range 198.18.20.100-198.18.20.199 --router 198.18.20.1',
  ]

  static override flags = {
    interface: Flags.string({char: 'i', summary: 'Serve clients on this interface. Repeatable. Without any, only relayed requests are served.', multiple: true, helpValue: 'IFACE'}),
    range: scopeFlags.range,
    prefix: Flags.integer({summary: 'Prefix length of the subnet of --range (default 24 = 255.255.255.0).', min: 8, max: 30}),
    exclude: scopeFlags.exclude,
    'lease-time': scopeFlags['lease-time'],
    router: scopeFlags.router,
    dns: scopeFlags.dns,
    domain: scopeFlags.domain,
    option: scopeFlags.option,
    config: Flags.string({summary: `Serve the "dhcp:" section of this YAML file when no --range is given.`, default: DEFAULT_DHCP_CONFIG_FILE, helpValue: 'FILE'}),
    'lease-file': Flags.string({summary: `Where leases are kept (default ${DEFAULT_LEASE_FILE}, or the configuration's leaseFile).`, helpValue: 'FILE'}),
    port: Flags.integer({summary: 'UDP port to listen on; clients are answered on the next port.', default: 67, min: 1, max: 65_534}),
    'relay-only': Flags.boolean({summary: 'Serve only clients behind DHCP relays, over a plain UDP socket (no interface binding; the native addon speeds it up when built but is not needed).', default: false}),
    listen: Flags.string({summary: 'Address to listen on for relayed requests (implies --relay-only); also the server identifier.', helpValue: 'ADDRESS'}),
    quiet: Flags.boolean({char: 'q', summary: 'Log only warnings and errors, not every message.', default: false}),
    'rate-limit-client': Flags.string({summary: 'Packets one client may send: PACKETS/DURATION (default 20/10s), or off.', helpValue: 'RATE'}),
    'rate-limit-new-clients': Flags.string({
      summary: 'Packets all clients without a lease or offer may send together: PACKETS/DURATION (default 2000/1s), or off. Clients with a lease are never held back by it.',
      helpValue: 'RATE',
    }),
    'rate-limit-tracked': Flags.integer({summary: 'How many clients the per-client limit remembers (default 65536); bounds its memory.', min: 16, max: 10_000_000, helpValue: 'N'}),
    'warning-interval': Flags.string({summary: 'Shortest time between two warnings about an exhausted pool or rate-limited packets (default 60s).', helpValue: 'DURATION'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(DhcpServe)
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
    try {
      await server.start()
    } catch (error) {
      await store.close().catch(() => undefined)
      throw startError(error, flags.port, config)
    }
    logger.notice(`listening on ${relayOnly ? `${flags.listen ?? '0.0.0.0'} (relayed requests only)` : config.interfaces.join(', ')} port ${flags.port}; leases in ${config.leaseFile}`)
    await serveUntilStopped(server, logger, flags.range === undefined ? () => serveConfig(flags) : undefined, () => store.stats)
  }
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
