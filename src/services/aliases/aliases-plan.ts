import type {DistroId, DistroProfile} from '../../lib/distro/profile.js'
import {type Plan, type PlannedCommand, type UnitSpec, emptyPlan} from '../../lib/plan/plan-types.js'
import {renderTemplate} from '../../lib/templates/render-template.js'
import {hasAddressProbe, oneLine, promoteSecondaries, removeOtherAddresses} from '../network/address-commands.js'
import {parseHostAddress} from '../network/host-address.js'
import {IFUPDOWN_DIR} from '../network/ifupdown-files.js'
import {type NetworkBackend, defaultBackend} from '../network/network-backend.js'
import {type AliasesSettings, withLabels} from './alias-settings.js'

export const ALIAS_FILES: Record<NetworkBackend, string> = {
  ifupdown: `${IFUPDOWN_DIR}/srvctl-aliases`,
  networkmanager: '/etc/NetworkManager/dispatcher.d/60-srvctl-aliases',
  netplan: '/etc/netplan/61-srvctl-aliases.yaml',
}
export const ALIAS_SYSCTL = '/etc/sysctl.d/60-srvctl-aliases.conf'

const PACKAGES: Record<DistroId, string[]> = {debian: ['iproute2', 'procps'], rhel: ['iproute', 'procps-ng']}

/**
 * A gratuitous ARP per address tells the neighbours which MAC now has it (an
 * alias moved from another machine). Best effort, and only with iputils'
 * arping: Debian's default `arping` (Habets) sends a normal request for the
 * same flags, and installing iputils-arping would remove it.
 */
const ANNOUNCE = oneLine(`
  dev=$1
  shift
  arping -V 2>&1 | grep -q iputils || exit 0
  for address in "$@"; do arping -q -U -c 1 -I "$dev" "$address" & done
  wait
  exit 0`)

interface LabelledAlias {
  interface: string
  cidr: string
  address: string
  label: string
}

export function labelledAliases(settings: AliasesSettings): LabelledAlias[] {
  return withLabels(settings.interfaces).flatMap((entry) =>
    entry.aliases.map((alias) => {
      const host = parseHostAddress(alias.address)
      return {interface: entry.name, cidr: host.cidr, address: host.address, label: alias.label as string}
    }),
  )
}

export function aliasesUnits(): UnitSpec[] {
  return []
}

export function planAliases(settings: AliasesSettings, profile: DistroProfile): Plan {
  const backend = settings.backend ?? defaultBackend(profile)
  const plan = emptyPlan('aliases', profile.id)
  plan.packages = PACKAGES[profile.id]
  const aliases = labelledAliases(settings)
  const file = ALIAS_FILES[backend]
  const interfaces = settings.interfaces.map((entry) => ({name: entry.name, aliases: aliases.filter((a) => a.interface === entry.name)}))

  plan.files.push({path: ALIAS_SYSCTL, content: renderTemplate('network/aliases-sysctl.conf', {}), mode: 0o644, owner: 'root', group: 'root'})
  switch (backend) {
    case 'ifupdown':
      plan.files.push({path: file, content: renderTemplate('network/aliases-ifupdown', {aliases}), mode: 0o644, owner: 'root', group: 'root'})
      plan.checks.push({description: 'ifup --no-act (aliases)', argv: ['ifup', '--no-act', '--force', '-a', '-i', `{stage}${file}`], stageTrees: []})
      break
    case 'networkmanager':
      plan.files.push({path: file, content: renderTemplate('network/aliases-nm-dispatcher.sh', {interfaces}), mode: 0o755, owner: 'root', group: 'root'})
      plan.checks.push({description: 'sh -n (dispatcher script)', argv: ['sh', '-n', `{stage}${file}`], stageTrees: []})
      plan.notes.push('NetworkManager profiles cannot label addresses: a dispatcher script adds the aliases whenever their interface comes up')
      break
    case 'netplan':
      plan.files.push({
        path: file,
        content: renderTemplate('network/aliases-netplan.yaml', {interfaces: interfaces.filter((i) => i.aliases.length > 0)}),
        mode: 0o600,
        owner: 'root',
        group: 'root',
      })
      plan.checks.push({description: 'netplan generate', argv: ['netplan', 'generate', '--root-dir', '{stage}'], stageTrees: ['/etc/netplan', '/lib/netplan', '/run/netplan']})
      break
  }

  plan.commands.push(promoteSecondaries([ALIAS_SYSCTL, file]))
  for (const entry of interfaces) {
    const commands: PlannedCommand[] = [
      removeOtherAddresses(
        `Remove the aliases of ${entry.name} that are no longer wanted`,
        entry.name,
        `${entry.name}:[0-9]*`,
        entry.aliases.map((a) => `${a.cidr} ${a.label}`),
        [file],
      ),
    ]
    for (const alias of entry.aliases) {
      commands.push({
        description: `Add ${alias.cidr} to ${entry.name} as ${alias.label}`,
        argv: ['ip', 'addr', 'replace', alias.cidr, 'dev', entry.name, 'label', alias.label],
        runWhen: [file],
        unlessOk: hasAddressProbe(entry.name, alias.address, alias.label),
        undo: ['ip', 'addr', 'del', alias.cidr, 'dev', entry.name],
      })
      plan.postChecks.push({kind: 'command', description: `${entry.name} has ${alias.cidr} as ${alias.label}`, argv: hasAddressProbe(entry.name, alias.address, alias.label)})
    }
    if (entry.aliases.length > 0) {
      commands.push({
        description: `Announce the aliases of ${entry.name} (gratuitous ARP)`,
        argv: ['sh', '-c', ANNOUNCE, 'sh', entry.name, ...entry.aliases.map((a) => a.address)],
        runWhen: [file],
      })
    }
    plan.commands.push(...commands)
  }
  return plan
}
