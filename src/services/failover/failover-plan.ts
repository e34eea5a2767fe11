import type {DistroProfile} from '../../lib/distro/profile.js'
import {type Plan, type UnitSpec, emptyPlan} from '../../lib/plan/plan-types.js'
import {renderTemplate} from '../../lib/templates/render-template.js'
import {parseHostAddress} from '../network/host-address.js'
import {MAX_INTERFACE_NAME} from '../network/interface-name.js'
import {FAILOVER_LAYOUTS, FAILOVER_SYSCTL, KEEPALIVED_CONF} from './failover-layout.js'
import type {FailoverSettings} from './failover-settings.js'
import {parseHealthCheck} from './health-check.js'

/** Both machines derive the same id from the same shared address. */
export function routerIdOf(settings: FailoverSettings): number {
  if (settings.routerId) return settings.routerId
  const last = Number(parseHostAddress(settings.vip).address.split('.')[3])
  return last === 0 ? 255 : last
}

/** eth0:vip keeps the shared address apart from the interface's own and its aliases (eth0:N). */
export function vipLabel(iface: string): string | undefined {
  const label = `${iface}:vip`
  return label.length <= MAX_INTERFACE_NAME ? label : undefined
}

export function failoverUnits(profile: DistroProfile): UnitSpec[] {
  return [{...FAILOVER_LAYOUTS[profile.id].unit, restartOn: []}]
}

export function planFailover(settings: FailoverSettings, profile: DistroProfile): Plan {
  const layout = FAILOVER_LAYOUTS[profile.id]
  const plan = emptyPlan('failover', profile.id)
  plan.packages = layout.packages
  const vip = parseHostAddress(settings.vip)
  const routerId = routerIdOf(settings)
  const conf = renderTemplate('failover/keepalived.conf', {
    instance: `VI_${routerId}`,
    interface: settings.interface,
    routerId,
    priority: settings.priority,
    advertInt: settings.advertInt,
    source: settings.source ?? '',
    peers: settings.peers,
    authPass: settings.authPass,
    vip: vip.cidr,
    label: vipLabel(settings.interface) ?? '',
    checks: settings.checks.map(parseHealthCheck),
  })
  plan.directories.push({path: '/etc/keepalived', mode: 0o755, owner: 'root', group: 'root'})
  plan.files.push(
    // The VRRP password is in it.
    {path: KEEPALIVED_CONF, content: conf, mode: 0o600, owner: 'root', group: 'root', secret: true},
    {path: FAILOVER_SYSCTL, content: renderTemplate('failover/sysctl.conf', {}), mode: 0o644, owner: 'root', group: 'root'},
  )
  plan.checks.push({description: 'keepalived -t', argv: ['keepalived', '-t', '-f', `{stage}${KEEPALIVED_CONF}`], stageTrees: []})
  plan.commands.push({
    description: 'Let services bind the shared address before it arrives (net.ipv4.ip_nonlocal_bind=1)',
    argv: ['sysctl', '-q', '-w', 'net.ipv4.ip_nonlocal_bind=1'],
    runWhen: [FAILOVER_SYSCTL],
  })
  plan.units.push({...layout.unit, restartOn: [KEEPALIVED_CONF]})
  plan.postChecks.push({kind: 'command', description: 'keepalived runs', argv: ['pidof', 'keepalived']})
  plan.notes.push(
    `configure the peer the same way (same --vip, --auth-pass and router id ${routerId}, this machine as its --peer); the higher --priority holds ${vip.cidr}`,
  )
  return plan
}
