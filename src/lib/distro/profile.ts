// A distribution profile: what differs between Debian/Ubuntu and the RHEL
// family at the level of the whole system. Service-specific differences
// (package names, config paths) live in each service module's own tables.

export type DistroId = 'debian' | 'rhel'

export type InitSystem = 'systemd' | 'none'

export interface DistroProfile {
  id: DistroId
  /** Human name from os-release, e.g. "Debian GNU/Linux 12 (bookworm)". */
  prettyName: string
  packageManager: 'apt-get' | 'dnf'
  /** The group that may read /etc/shadow (Debian: shadow; RHEL: root, mode 0000). */
  shadowGroup: string
  shadowMode: number
  adminGroup: string
}

const PROFILES: Record<DistroId, Omit<DistroProfile, 'prettyName'>> = {
  debian: {id: 'debian', packageManager: 'apt-get', shadowGroup: 'shadow', shadowMode: 0o640, adminGroup: 'sudo'},
  rhel: {id: 'rhel', packageManager: 'dnf', shadowGroup: 'root', shadowMode: 0o000, adminGroup: 'wheel'},
}

export function profileFor(id: DistroId, prettyName?: string): DistroProfile {
  return {...PROFILES[id], prettyName: prettyName ?? (id === 'debian' ? 'Debian' : 'RHEL')}
}

export function installCommand(profile: DistroProfile, packages: string[]): string[] {
  return profile.packageManager === 'apt-get'
    ? ['apt-get', 'install', '-y', '--no-install-recommends', ...packages]
    : ['dnf', 'install', '-y', ...packages]
}

export function installedQuery(profile: DistroProfile, pkg: string): string[] {
  return profile.packageManager === 'apt-get'
    ? ['dpkg-query', '-W', '-f=${Status}', pkg]
    : ['rpm', '-q', pkg]
}
