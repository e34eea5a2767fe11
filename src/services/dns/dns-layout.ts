import type {DistroId} from '../../lib/distro/profile.js'

/** Where BIND lives on each distribution family. */
export interface DnsLayout {
  packages: string[]
  unit: string
  sysvName?: string
  directStart?: string[]
  user: string
  group: string
  /** Main config file named reads. */
  mainConf: string
  /** The file srvctl renders the options into (Debian: an include; RHEL: named.conf itself). */
  optionsFile: string
  optionsTemplate: string
  zonesConf: string
  zoneDir: string
  workDir: string
  /** Live trees a checker needs to see beside the new files. */
  stageTrees: string[]
}

export const DNS_LAYOUTS: Record<DistroId, DnsLayout> = {
  debian: {
    packages: ['bind9', 'bind9-utils', 'bind9-dnsutils'],
    unit: 'named',
    sysvName: 'named',
    user: 'bind',
    group: 'bind',
    mainConf: '/etc/bind/named.conf',
    optionsFile: '/etc/bind/named.conf.options',
    optionsTemplate: 'dns/debian-named.conf.options',
    zonesConf: '/etc/bind/named.conf.local',
    zoneDir: '/etc/bind/zones',
    workDir: '/var/cache/bind',
    stageTrees: ['/etc/bind', '/usr/share/dns'],
  },
  rhel: {
    packages: ['bind', 'bind-utils'],
    unit: 'named',
    directStart: ['/usr/sbin/named', '-u', 'named', '-c', '/etc/named.conf'],
    user: 'named',
    group: 'named',
    mainConf: '/etc/named.conf',
    optionsFile: '/etc/named.conf',
    optionsTemplate: 'dns/rhel-named.conf',
    zonesConf: '/etc/named.srvctl.zones',
    zoneDir: '/var/named/srvctl',
    workDir: '/var/named',
    stageTrees: ['/etc/named.rfc1912.zones', '/etc/named.root.key', '/etc/crypto-policies/back-ends/bind.config', '/var/named'],
  },
}
