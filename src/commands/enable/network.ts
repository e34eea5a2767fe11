import {randomBytes} from 'node:crypto'

import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import {ApplyError, UserError} from '../../lib/errors.js'
import type {ApplyReport} from '../../lib/plan/apply-plan.js'
import {loadDesiredState} from '../../lib/state/desired-state.js'
import {enableService, targetFromFlags} from '../../lib/state/state-actions.js'
import {parseWith} from '../../lib/state/validation-message.js'
import {networkService} from '../../services/network/index.js'
import {interfaceNameProblem} from '../../services/network/interface-name.js'
import {readLiveState, restoreLiveState} from '../../services/network/live-state.js'
import {type NetworkBackend, detectNetworkBackend, interfaceExists, resolvConfIsPlainFile} from '../../services/network/network-backend.js'
import {startRevertTimer, stopRevertTimer} from '../../services/network/network-revert.js'
import type {InterfaceSettings} from '../../services/network/network-settings.js'
import {type PendingChange, claimPending, dropClaim, readPending, writePending} from '../../services/network/pending-change.js'

export interface NetworkEnableResult extends ApplyReport {
  /** Set when the change reverts by itself unless confirmed. */
  confirmation?: {deadline: string; command: string}
}

type SavedInterface = Partial<InterfaceSettings> & {name: string}

function savedInterfaces(value: unknown): SavedInterface[] {
  return Array.isArray(value) ? value.filter((i): i is SavedInterface => typeof i?.name === 'string') : []
}

export default class EnableNetwork extends MutatingCommand {
  static override summary = 'Configure an interface (address, gateway, DNS, host name) persistently and live, with automatic revert.'
  static override description = `Writes the configuration the machine really boots with — ifupdown (/etc/network/interfaces.d/IF),
NetworkManager (/etc/NetworkManager/system-connections/IF.nmconnection) or netplan (/etc/netplan/60-srvctl.yaml),
whichever is in use — plus /etc/hostname, /etc/hosts and /etc/resolv.conf (ifupdown), and applies it now with ip.

A change cannot lock you out: before touching the live interface srvctl records its addresses and routes and
starts a timer. Unless you run \`srvctl network confirm\` within --confirm-within seconds (from the same or a new
session), the previous addresses, routes, host name and files come back by themselves. --confirm-within 0 turns
that off.

Settings are saved in /etc/srvctl/srvctl.yaml; each interface keeps its own settings, flags you leave out keep
their saved value.`

  static override examples = [
    {
      description: 'A static address with gateway, DNS server and host name',
      command:
        '<%= config.bin %> <%= command.id %> --interface eth0 --address 192.168.10.2/24 --gateway 192.168.10.1 --dns 192.168.10.1 --search example.test --hostname srv1.example.test',
    },
    {description: 'DHCP on a second interface', command: '<%= config.bin %> <%= command.id %> --interface eth1 --dhcp'},
    {description: 'Give yourself 5 minutes to confirm from a new SSH session', command: '<%= config.bin %> <%= command.id %> --interface eth0 --address 192.168.10.3/24 --confirm-within 300'},
    {description: 'Prepare the files of another machine', command: '<%= config.bin %> <%= command.id %> --interface ens18 --address 192.168.10.4/24 --root /srv/images/srv2 --distro rhel'},
  ]

  static override flags = {
    interface: Flags.string({summary: 'The interface to configure (see `ip link`).', helpValue: 'IF'}),
    address: Flags.string({summary: 'Static IPv4 address with prefix length.', helpValue: 'A.B.C.D/LEN', exclusive: ['dhcp']}),
    dhcp: Flags.boolean({summary: 'Get the address from a DHCP server instead.', exclusive: ['address', 'gateway']}),
    gateway: Flags.string({summary: 'Default gateway (inside the address\'s network).', helpValue: 'IP'}),
    dns: Flags.string({summary: 'DNS server. Repeatable (up to 3).', multiple: true, helpValue: 'IP'}),
    search: Flags.string({summary: 'DNS search domain. Repeatable.', multiple: true, helpValue: 'DOMAIN'}),
    hostname: Flags.string({summary: 'Host name, ideally fully qualified (srv1.example.test).', helpValue: 'NAME'}),
    backend: Flags.option({options: ['ifupdown', 'networkmanager', 'netplan'] as const, summary: 'Write files for this tool instead of the detected one.'})(),
    'confirm-within': Flags.integer({
      summary: 'Seconds to run `srvctl network confirm` before the change reverts by itself; 0: no revert.',
      default: 120,
      min: 0,
      max: 3600,
      helpValue: 'SECONDS',
    }),
    ...mutatingFlags,
  }

  async run(): Promise<NetworkEnableResult> {
    const {flags} = await this.parse(EnableNetwork)
    const target = targetFromFlags(flags)
    const saved = loadDesiredState(target).services.network?.settings ?? {}
    const interfaces = savedInterfaces(saved.interfaces)
    const name = flags.interface ?? (interfaces.length === 1 ? interfaces[0].name : undefined)
    if (!name) throw new UserError('which interface? --interface is missing', 'e.g. --interface eth0 (see `ip link`)')
    const nameProblem = interfaceNameProblem(name)
    if (nameProblem) throw new UserError(`network.interface: ${nameProblem}`)
    if (target.root === '/' && !interfaceExists(name)) {
      throw new UserError(`interface ${name} does not exist on this machine`, 'see `ip link` for the names; to prepare another machine, use --root')
    }
    const backend: NetworkBackend = flags.backend ?? (saved.backend as NetworkBackend | undefined) ?? detectNetworkBackend(target.root, target.profile)
    if (backend === 'ifupdown' && target.profile.id === 'rhel') {
      throw new UserError('ifupdown does not exist on RHEL', 'use --backend networkmanager (the RHEL 9 default)')
    }

    const previous = interfaces.find((i) => i.name === name)
    const dhcp = flags.dhcp ?? (flags.address ? false : (previous?.dhcp ?? false))
    const entry: SavedInterface = {
      name,
      dhcp,
      address: dhcp ? undefined : (flags.address ?? previous?.address),
      gateway: dhcp ? undefined : (flags.gateway ?? previous?.gateway),
    }
    const given = {
      backend,
      writeResolvConf: resolvConfIsPlainFile(target.root),
      interfaces: previous ? interfaces.map((i) => (i.name === name ? entry : i)) : [...interfaces, entry],
      dns: flags.dns,
      search: flags.search,
      hostname: flags.hostname,
    }
    // Everything is checked before the live interface is touched or a timer started.
    const merged: Record<string, unknown> = {...saved}
    for (const [key, value] of Object.entries(given)) if (value !== undefined) merged[key] = value
    parseWith(networkService.schema, merged, 'network')

    const pending = target.mode === 'live' && flags['confirm-within'] > 0 ? await this.startSafetyNet(name, flags['confirm-within']) : undefined
    let report: ApplyReport
    try {
      report = await enableService('network', given, target, this.progressFor(target), this.commandLine())
    } catch (error) {
      if (pending) await this.cancelSafetyNet(pending, true)
      throw error
    }
    this.printReport(report, target.mode === 'dry-run')
    if (!pending) return report
    if (report.status !== 'applied') {
      await this.cancelSafetyNet(pending, false)
      return report
    }
    if (readPending()?.token !== pending.token) {
      this.warn('the confirmation time ran out during the apply: the previous configuration is being restored')
      return report
    }
    const deadline = new Date(pending.deadline)
    this.log('')
    this.log(`This change reverts by itself at ${deadline.toLocaleTimeString()} (in ${flags['confirm-within']} s) unless you confirm it.`)
    this.log('If you can still reach the machine (open a new SSH session to check), run:  srvctl network confirm')
    return {...report, confirmation: {deadline: pending.deadline, command: 'srvctl network confirm'}}
  }

  /** Records the live state of the interface and starts the detached revert timer. */
  private async startSafetyNet(iface: string, seconds: number): Promise<PendingChange> {
    const waiting = readPending()
    if (waiting) {
      throw new UserError(
        `a network change (${waiting.command}) is waiting for confirmation until ${waiting.deadline}`,
        'confirm it with `srvctl network confirm` or undo it now with `srvctl network revert`',
      )
    }
    const live = await readLiveState(iface).catch((error: unknown) => {
      throw new ApplyError('record the live state', (error as Error).message, 'nothing was changed')
    })
    const startedAt = new Date()
    const change: PendingChange = {
      token: randomBytes(8).toString('hex'),
      startedAt: startedAt.toISOString(),
      deadline: new Date(startedAt.getTime() + seconds * 1000).toISOString(),
      command: this.commandLine(),
      owner: process.pid,
      timer: 0,
      live,
    }
    // The timer looks for its change when it starts, so the file comes first.
    writePending(change)
    change.timer = startRevertTimer(change.token)
    writePending(change)
    // A dropped SSH session must not stop the apply halfway: finish it, then let the timer decide.
    process.on('SIGHUP', () => undefined)
    process.stdout.on('error', () => undefined)
    process.stderr.on('error', () => undefined)
    return change
  }

  private async cancelSafetyNet(change: PendingChange, restore: boolean): Promise<void> {
    const claim = claimPending('confirm')
    if (!claim || claim.change.token !== change.token) return
    stopRevertTimer(change.timer, change.token)
    // The apply already put the files back; what ran live is undone from the snapshot.
    if (restore) for (const problem of await restoreLiveState(change.live)) this.warn(`restoring ${change.live.interface}: ${problem}`)
    dropClaim(claim)
  }
}
