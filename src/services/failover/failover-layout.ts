import type {DistroId} from '../../lib/distro/profile.js'
import type {UnitSpec} from '../../lib/plan/plan-types.js'

export const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf'
export const FAILOVER_SYSCTL = '/etc/sysctl.d/60-srvctl-failover.conf'

/** keepalived per family: same package, same path; RHEL has no SysV script to start it without systemd. */
export const FAILOVER_LAYOUTS: Record<DistroId, {packages: string[]; unit: Omit<UnitSpec, 'restartOn'>}> = {
  debian: {packages: ['keepalived'], unit: {name: 'keepalived', sysvName: 'keepalived', reload: true}},
  rhel: {packages: ['keepalived'], unit: {name: 'keepalived', directStart: ['/usr/sbin/keepalived', '-D'], reload: true}},
}
