import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import {UserError} from '../../lib/errors.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import {enableService, targetFromFlags} from '../../lib/state/state-actions.js'
import {interfaceNameProblem} from '../../services/network/interface-name.js'
import {interfaceExists} from '../../services/network/network-backend.js'

export default class EnableFailover extends MutatingCommand {
  static override summary = 'Share an address between two machines with keepalived (VRRP): it moves to the peer in seconds.'
  static override description = `Writes /etc/keepalived/keepalived.conf: one VRRP instance on the interface, adverts every second by
unicast to the peer(s), PASS authentication, and a health check per --check (a process name, checked with pidof,
or tcp:PORT on 127.0.0.1). When this machine stops, or a checked service fails, the peer takes the address and
announces it with gratuitous ARPs. \`keepalived -t\` checks the file before it replaces the live one.

Run it on both machines with the same --vip and --auth-pass, each naming the other as --peer; the higher
--priority holds the address while it is healthy.`

  static override examples = [
    {
      description: 'The main machine',
      command: '<%= config.bin %> <%= command.id %> --vip 192.168.10.5/24 --interface eth0 --peer 192.168.10.3 --priority 150 --auth-pass s3cret --check named',
    },
    {
      description: 'Its backup',
      command: '<%= config.bin %> <%= command.id %> --vip 192.168.10.5/24 --interface eth0 --peer 192.168.10.2 --priority 100 --auth-pass s3cret --check named',
    },
  ]

  static override flags = {
    vip: Flags.string({summary: 'The shared address with its prefix length.', helpValue: 'A.B.C.D/LEN'}),
    interface: Flags.string({summary: 'The interface that carries the shared address.', helpValue: 'IF'}),
    peer: Flags.string({summary: 'Own address of the other machine. Repeatable.', multiple: true, helpValue: 'IP'}),
    priority: Flags.integer({summary: 'Higher wins (1-254; default 100).', min: 1, max: 254}),
    'router-id': Flags.integer({summary: 'VRRP virtual_router_id, the same on both machines (default: last number of the VIP).', min: 1, max: 255}),
    'auth-pass': Flags.string({summary: 'Shared VRRP password, up to 8 characters (kept in the root-only secrets file).', helpValue: 'PASS'}),
    check: Flags.string({summary: 'Service that must be healthy to hold the address: a process name or tcp:PORT. Repeatable.', multiple: true, helpValue: 'named|tcp:53'}),
    source: Flags.string({summary: 'Own address the adverts are sent from (default: the interface\'s primary).', helpValue: 'IP'}),
    'advert-int': Flags.integer({summary: 'Seconds between adverts (default 1: takeover in about 3 s).', min: 1, max: 255}),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {flags} = await this.parse(EnableFailover)
    const target = targetFromFlags(flags)
    if (flags.interface) {
      const problem = interfaceNameProblem(flags.interface)
      if (problem) throw new UserError(`failover.interface: ${problem}`)
      if (target.root === '/' && !interfaceExists(flags.interface)) {
        throw new UserError(`interface ${flags.interface} does not exist on this machine`, 'see `ip link` for the names; to prepare another machine, use --root')
      }
    }
    const report = await enableService(
      'failover',
      {
        vip: flags.vip,
        interface: flags.interface,
        peers: flags.peer,
        priority: flags.priority,
        routerId: flags['router-id'],
        authPass: flags['auth-pass'],
        checks: flags.check,
        source: flags.source,
        advertInt: flags['advert-int'],
      },
      target,
      this.progressFor(target),
      this.commandLine(),
    )
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
