import {Flags, type Interfaces} from '@oclif/core'

import {runServe} from '../../dhcp/cli/run-serve.js'
import {SERVE_FLAGS, type ServeFlags} from '../../dhcp/cli/serve-flags.js'
import {BaseCommand} from '../../lib/base-command.js'

export {serveConfig} from '../../dhcp/cli/run-serve.js'
export type {ServeConfigFlags} from '../../dhcp/cli/serve-flags.js'

// bin/run.js starts the server without oclif (serve-main.ts) unless help is
// asked for; this command defines the same flags from the same table, for
// --help, the manifest and programmatic use.

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

  static override flags = oclifFlags()

  async run(): Promise<void> {
    const {flags} = await this.parse(DhcpServe)
    await runServe(flags as unknown as ServeFlags)
  }
}

function oclifFlags(): Interfaces.FlagInput {
  const flags: Interfaces.FlagInput = {}
  for (const [name, spec] of Object.entries(SERVE_FLAGS)) {
    const common = {summary: spec.summary, ...('char' in spec ? {char: spec.char} : {}), ...('helpValue' in spec ? {helpValue: spec.helpValue} : {})}
    if (spec.kind === 'boolean') flags[name] = Flags.boolean({...common, default: spec.default})
    else if (spec.kind === 'integer') flags[name] = Flags.integer({...common, ...('min' in spec ? {min: spec.min, max: spec.max} : {}), ...('default' in spec ? {default: spec.default} : {})})
    else if ('multiple' in spec) flags[name] = Flags.string({...common, multiple: true})
    else flags[name] = Flags.string({...common, ...('default' in spec ? {default: spec.default} : {})})
  }
  return flags
}
