import type {DistroId, DistroProfile} from '../../lib/distro/profile.js'
import {type Plan, type PlannedCommand, type PlannedFile, type UnitSpec, emptyPlan} from '../../lib/plan/plan-types.js'
import {renderTemplate} from '../../lib/templates/render-template.js'
import {hasAddressProbe, promoteSecondaries, removeOtherAddresses} from './address-commands.js'
import {hostsLine, hostsWithLine} from './hosts-file.js'
import {parseHostAddress} from './host-address.js'
import {shortHostName} from './host-name.js'
import {IFUPDOWN_MAIN, ifupdownFile, mainFileWithout} from './ifupdown-files.js'
import {type NetworkBackend, defaultBackend} from './network-backend.js'
import type {InterfaceSettings, NetworkSettings} from './network-settings.js'
import {connectionUuid, keepExistingUuid, nmKeyfile} from './nm-keyfile.js'

export const NETPLAN_FILE = '/etc/netplan/60-srvctl.yaml'

const PACKAGES: Record<NetworkBackend, Record<DistroId, string[]>> = {
  ifupdown: {debian: ['ifupdown', 'iproute2', 'procps'], rhel: ['iproute', 'procps-ng']},
  networkmanager: {debian: ['network-manager', 'iproute2', 'procps'], rhel: ['NetworkManager', 'iproute', 'procps-ng']},
  netplan: {debian: ['netplan.io', 'iproute2', 'procps'], rhel: ['netplan', 'iproute', 'procps-ng']},
}

export function backendOf(settings: NetworkSettings, profile: DistroProfile): NetworkBackend {
  return settings.backend ?? defaultBackend(profile)
}

/** The file that configures `iface` at boot with this backend. */
export function interfaceFile(backend: NetworkBackend, iface: string): string {
  if (backend === 'ifupdown') return ifupdownFile(iface)
  if (backend === 'networkmanager') return nmKeyfile(iface)
  return NETPLAN_FILE
}

function rootFile(path: string, content: string, mode = 0o644): PlannedFile {
  return {path, content, mode, owner: 'root', group: 'root'}
}

function backendFiles(backend: NetworkBackend, settings: NetworkSettings): {files: PlannedFile[]; checks: Plan['checks']} {
  const dnsWords = settings.dns.join(' ')
  const searchWords = settings.search.join(' ')
  const values = (entry: InterfaceSettings) => ({
    interface: entry.name,
    dhcp: entry.dhcp,
    address: entry.address ? parseHostAddress(entry.address).cidr : '',
    gateway: entry.gateway ?? '',
  })
  switch (backend) {
    case 'ifupdown': {
      const files = settings.interfaces.map((entry) =>
        rootFile(ifupdownFile(entry.name), renderTemplate('network/ifupdown-iface', {...values(entry), dns: dnsWords, search: searchWords})),
      )
      const names = settings.interfaces.map((e) => e.name)
      files.push({...rootFile(IFUPDOWN_MAIN, mainFileWithout(undefined, names)), untracked: true, finalize: (current) => mainFileWithout(current, names)})
      return {
        files,
        checks: settings.interfaces.map((entry) => ({
          description: `ifup --no-act ${entry.name}`,
          argv: ['ifup', '--no-act', '--force', '-i', `{stage}${ifupdownFile(entry.name)}`, entry.name],
          stageTrees: [],
        })),
      }
    }
    case 'networkmanager':
      return {
        files: settings.interfaces.map((entry) => {
          const rendered = renderTemplate('network/networkmanager.nmconnection', {
            ...values(entry),
            uuid: connectionUuid(entry.name),
            dns: settings.dns.map((d) => `${d};`).join(''),
            search: settings.search.map((d) => `${d};`).join(''),
          })
          return {...rootFile(nmKeyfile(entry.name), rendered, 0o600), finalize: (current: string | undefined) => keepExistingUuid(rendered, current)}
        }),
        checks: [],
      }
    case 'netplan':
      return {
        files: [
          rootFile(
            NETPLAN_FILE,
            renderTemplate('network/netplan.yaml', {
              interfaces: settings.interfaces.map((entry) => ({...values(entry), name: entry.name})),
              dns: settings.dns.join(', '),
              search: settings.search.join(', '),
            }),
            0o600,
          ),
        ],
        checks: [
          {description: 'netplan generate', argv: ['netplan', 'generate', '--root-dir', '{stage}'], stageTrees: ['/etc/netplan', '/lib/netplan', '/run/netplan']},
        ],
      }
  }
}

function liveCommands(backend: NetworkBackend, entry: InterfaceSettings): PlannedCommand[] {
  const file = interfaceFile(backend, entry.name)
  const commands: PlannedCommand[] = [
    {description: `Bring ${entry.name} up`, argv: ['ip', 'link', 'set', 'dev', entry.name, 'up'], runWhen: [file]},
  ]
  if (entry.dhcp || !entry.address) return commands
  const host = parseHostAddress(entry.address)
  commands.push(
    {description: `Put ${host.cidr} on ${entry.name}`, argv: ['ip', 'addr', 'replace', host.cidr, 'dev', entry.name], runWhen: [file]},
    // Only addresses labelled exactly like the interface: aliases (eth0:1) and a VRRP address (eth0:vip) stay.
    removeOtherAddresses(`Remove the other addresses of ${entry.name}`, entry.name, entry.name, [`${host.cidr} ${entry.name}`], [file]),
  )
  if (entry.gateway) {
    commands.push({
      description: `Route by default via ${entry.gateway}`,
      argv: ['ip', 'route', 'replace', 'default', 'via', entry.gateway, 'dev', entry.name],
      runWhen: [file],
    })
  }
  return commands
}

export function networkUnits(): UnitSpec[] {
  return []
}

export function planNetwork(settings: NetworkSettings, profile: DistroProfile): Plan {
  const backend = backendOf(settings, profile)
  const plan = emptyPlan('network', profile.id)
  plan.packages = PACKAGES[backend][profile.id]
  const {files, checks} = backendFiles(backend, settings)
  plan.files.push(...files)
  plan.checks.push(...checks)
  const interfaceFiles = [...new Set(settings.interfaces.map((e) => interfaceFile(backend, e.name)))]

  if (backend === 'ifupdown' && settings.writeResolvConf && settings.dns.length > 0) {
    plan.files.push(rootFile('/etc/resolv.conf', renderTemplate('network/resolv.conf', {search: settings.search.join(' '), nameservers: settings.dns})))
  }
  if (!settings.writeResolvConf && backend === 'ifupdown' && settings.dns.length > 0) {
    plan.notes.push('/etc/resolv.conf is a symlink (resolvconf or systemd-resolved): the DNS servers go in as dns-nameservers of the interface')
  }
  plan.commands.push(promoteSecondaries(interfaceFiles))
  for (const entry of settings.interfaces) {
    plan.commands.push(...liveCommands(backend, entry))
    if (entry.dhcp) {
      plan.notes.push(`${entry.name} changes to DHCP when the network is restarted or at boot; its current addresses stay until then`)
    } else if (entry.address) {
      const host = parseHostAddress(entry.address)
      plan.postChecks.push({kind: 'command', description: `${entry.name} has ${host.cidr}`, argv: hasAddressProbe(entry.name, host.address)})
    }
  }
  if (backend === 'networkmanager') {
    plan.commands.push({
      description: 'Make NetworkManager read the changed profiles (when it runs)',
      argv: ['sh', '-c', 'if nmcli -t -f RUNNING general 2>/dev/null | grep -qx running; then nmcli connection reload; fi'],
      runWhen: interfaceFiles,
    })
  }
  if (settings.hostname) {
    const fqdn = settings.hostname.toLowerCase()
    const short = shortHostName(fqdn)
    // Debian keeps the short name in /etc/hostname and the FQDN in /etc/hosts; RHEL keeps the FQDN.
    const name = profile.id === 'rhel' ? fqdn : short
    const firstStatic = settings.interfaces.find((e) => !e.dhcp && e.address)
    const address = firstStatic?.address ? parseHostAddress(firstStatic.address).address : '127.0.1.1'
    const line = hostsLine(address, fqdn, short)
    plan.files.push(
      rootFile('/etc/hostname', `${name}\n`),
      {...rootFile('/etc/hosts', hostsWithLine(undefined, line)), untracked: true, finalize: (current) => hostsWithLine(current, line)},
    )
    plan.commands.push({
      description: `Set the host name to ${name}`,
      argv: ['hostname', name],
      runWhen: ['/etc/hostname'],
      unlessOk: ['sh', '-c', 'test "$(hostname)" = "$1"', 'sh', name],
    })
  }
  if (backend === 'netplan') plan.notes.push(`${NETPLAN_FILE} is applied live with ip now and by netplan at boot`)
  return plan
}
