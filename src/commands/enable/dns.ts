import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import {enableService, targetFromFlags} from '../../lib/state/state-actions.js'

export default class EnableDns extends MutatingCommand {
  static override summary = 'Configure the DNS server (BIND 9) and apply it.'
  static override description = `Writes named's options (listen addresses, forwarders, recursion only for the given networks),
the forward zone with SOA, NS and your records, and a reverse zone with PTRs for every /24 your A records
use. The zone serial grows on every change. named-checkconf and named-checkzone check the files before
they replace the live ones; afterwards a DNS query to the server must succeed, or everything is put back.

Settings are saved in /etc/srvctl/srvctl.yaml; flags you leave out keep their saved value.`

  static override examples = [
    {
      description: 'A zone with a web server, a mail exchanger, and recursion for the local networks',
      command:
        '<%= config.bin %> <%= command.id %> --domain example.test --server-ip 198.18.0.53 --record "www A 198.18.0.80" --record "@ MX 10 mail" --record "mail A 198.18.0.25" --forwarder 192.0.2.53 --allow-recursion 198.18.0.0/15',
    },
    {description: 'See what would change, without writing anything', command: '<%= config.bin %> <%= command.id %> --domain example.test --server-ip 198.18.0.53 --dry-run'},
    {description: 'Render into a directory instead of the live system', command: '<%= config.bin %> <%= command.id %> --domain example.test --server-ip 198.18.0.53 --root /tmp/stage'},
  ]

  static override flags = {
    domain: Flags.string({summary: 'The primary zone, e.g. example.test.', helpValue: 'DOMAIN'}),
    'server-ip': Flags.string({summary: 'IPv4 address this DNS server listens on (also the A record of the name server).', helpValue: 'IP'}),
    nameserver: Flags.string({summary: 'Host name of this server inside the zone.', helpValue: 'NAME'}),
    record: Flags.string({summary: 'A record "NAME TYPE VALUE" (A, AAAA, CNAME, MX, TXT, NS, SRV). Repeatable.', multiple: true, helpValue: '"www A 198.18.0.80"'}),
    zone: Flags.string({summary: 'Another zone served here; its records use absolute names ("www.other.test. A ..."). Repeatable.', multiple: true}),
    forwarder: Flags.string({summary: 'Upstream resolver for names outside the zones. Repeatable.', multiple: true, helpValue: 'IP'}),
    'allow-recursion': Flags.string({summary: 'Network allowed to use this server as a resolver. Repeatable.', multiple: true, helpValue: 'CIDR'}),
    ttl: Flags.integer({summary: 'Default TTL of the zones, in seconds.', min: 60, max: 604_800}),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {flags} = await this.parse(EnableDns)
    const target = targetFromFlags(flags)
    const report = await enableService(
      'dns',
      {
        domain: flags.domain,
        serverIp: flags['server-ip'],
        nameserver: flags.nameserver,
        records: flags.record,
        zones: flags.zone,
        forwarders: flags.forwarder,
        allowRecursion: flags['allow-recursion'],
        ttl: flags.ttl,
      },
      target,
      this.progressFor(target),
      this.commandLine(),
    )
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
