import {stringify} from 'yaml'

import type {DhcpConfig} from '../../dhcp/config/schema.js'
import type {DistroProfile} from '../../lib/distro/profile.js'
import {type Plan, type UnitSpec, emptyPlan} from '../../lib/plan/plan-types.js'
import {UserError} from '../../lib/errors.js'
import {renderTemplate} from '../../lib/templates/render-template.js'

/** The file `srvctl dhcp serve` reads: the normalised configuration, nothing else. */
export const DHCP_CONFIG_FILE = '/etc/srvctl/dhcp4.yaml'
export const DHCP_UNIT_FILE = '/etc/systemd/system/srvctl-dhcp.service'
export const DHCP_LOG_FILE = '/var/log/srvctl-dhcp.log'

/** Where the unit's arguments live, as each family keeps daemon options. */
export function dhcpDefaultsFile(profile: DistroProfile): string {
  return profile.id === 'debian' ? '/etc/default/srvctl-dhcp' : '/etc/sysconfig/srvctl-dhcp'
}

export function dhcpUnits(profile: DistroProfile): UnitSpec[] {
  const defaults = dhcpDefaultsFile(profile)
  return [
    {
      name: 'srvctl-dhcp',
      // No systemd and no SysV script: srvctl starts itself in the background, logging to a file.
      directStart: ['sh', '-c', `. ${defaults}; exec srvctl dhcp serve --config ${DHCP_CONFIG_FILE} $SRVCTL_DHCP_ARGS >>${DHCP_LOG_FILE} 2>&1`],
      processPattern: `dhcp serve --config ${DHCP_CONFIG_FILE}`,
      restartOn: [],
    },
  ]
}

const SAFE_WORD = /^[A-Za-z0-9_.:@/+-]+$/

/** The serve arguments that need a restart to change; each word is checked, as it lands in a shell-read file. */
function restartArgs(config: DhcpConfig): string {
  const words = [...config.interfaces.flatMap((i) => ['--interface', i]), '--lease-file', config.leaseFile]
  const bad = words.find((w) => !SAFE_WORD.test(w))
  if (bad !== undefined) throw new UserError(`dhcp: '${bad}' may contain only letters, digits and _ . : @ / + -`, 'check the interface names and the lease file path')
  return words.join(' ')
}

/** The built-in server needs no package of the distribution: same plan on every profile. */
export function planDhcp(config: DhcpConfig, profile: DistroProfile): Plan {
  const plan = emptyPlan('dhcp', profile.id)
  const header = '# Managed by srvctl: change it with `srvctl dhcp scope|reservation ...` or `srvctl enable dhcp`.\n'
  const defaults = dhcpDefaultsFile(profile)
  plan.files.push(
    {path: DHCP_CONFIG_FILE, content: header + stringify({dhcp: config}), mode: 0o644, owner: 'root', group: 'root'},
    {path: defaults, content: renderTemplate('dhcp/srvctl-dhcp.defaults', {args: restartArgs(config)}), mode: 0o644, owner: 'root', group: 'root'},
    {path: DHCP_UNIT_FILE, content: renderTemplate('dhcp/srvctl-dhcp.service', {configFile: DHCP_CONFIG_FILE, defaultsFile: defaults}), mode: 0o644, owner: 'root', group: 'root'},
  )
  plan.directories.push({path: '/var/lib/srvctl', mode: 0o755, owner: 'root', group: 'root'})
  // SIGHUP swaps scopes without losing leases; sockets, lease file and unit need a restart.
  plan.units.push({...dhcpUnits(profile)[0], restartOn: [defaults, DHCP_UNIT_FILE], reloadOn: [DHCP_CONFIG_FILE]})
  plan.postChecks.push({kind: 'command', description: 'srvctl dhcp serve is running', argv: ['pgrep', '-f', `dhcp serve --config ${DHCP_CONFIG_FILE}`]})
  const active = config.scopes.filter((s) => s.active)
  if (active.length === 0) plan.notes.push('no active scope: the DHCP server runs but hands out no address')
  if (config.interfaces.length === 0) plan.notes.push('no --interface: only relayed requests are served')
  return plan
}
