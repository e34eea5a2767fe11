import type {DistroId} from '../../lib/distro/profile.js'

/** One way a distribution provides a service: its unit and how to see it run without systemd. */
export interface ServiceUnit {
  /** systemd unit name without .service. */
  unit: string
  /** Packages that ship the unit (shown when it is missing). */
  packages: string[]
  /** /etc/init.d script name, when the distribution ships one. */
  sysvName?: string
  /** Process name (the kernel's comm, at most 15 characters) that means the daemon runs. */
  process?: string
  /** How to start the daemon when neither systemd nor an init script can (RHEL without systemd). */
  directStart?: string[]
  /** Runs once at boot and exits (networking): "running" is only known from systemd. */
  oneshot?: boolean
}

/**
 * A service from the old guide's on/off list. The guide used Red Hat's names
 * (httpd, sshd, mysqld…); each distribution family maps it to its own unit,
 * sometimes to one of several that do the same job (a mail server is postfix
 * or sendmail). The first alternative is the distribution's usual choice.
 */
export interface CatalogEntry {
  name: string
  /** Other names an admin may type (the IMAP/POP3 names of the guide all mean dovecot). */
  aliases: string[]
  summary: string
  units: Record<DistroId, ServiceUnit[]>
}

const SRVCTL_DHCP: ServiceUnit = {unit: 'srvctl-dhcp', packages: ['srvctl']}

export const SERVICE_CATALOG: readonly CatalogEntry[] = [
  {
    name: 'httpd',
    aliases: ['apache', 'www'],
    summary: 'Apache web server',
    units: {
      debian: [{unit: 'apache2', packages: ['apache2'], sysvName: 'apache2', process: 'apache2'}],
      rhel: [{unit: 'httpd', packages: ['httpd'], process: 'httpd', directStart: ['/usr/sbin/httpd']}],
    },
  },
  {
    name: 'imap',
    aliases: ['imaps', 'pop3', 'pop3s', 'dovecot'],
    summary: 'IMAP and POP3 mail access (dovecot serves imap, imaps, pop3 and pop3s)',
    units: {
      debian: [{unit: 'dovecot', packages: ['dovecot-imapd', 'dovecot-pop3d'], sysvName: 'dovecot', process: 'dovecot'}],
      rhel: [{unit: 'dovecot', packages: ['dovecot'], process: 'dovecot', directStart: ['/usr/sbin/dovecot']}],
    },
  },
  {
    name: 'named',
    aliases: ['bind', 'dns'],
    summary: 'DNS server (BIND 9)',
    units: {
      debian: [{unit: 'named', packages: ['bind9'], sysvName: 'named', process: 'named'}],
      rhel: [{unit: 'named', packages: ['bind'], process: 'named', directStart: ['/usr/sbin/named', '-u', 'named', '-c', '/etc/named.conf']}],
    },
  },
  {
    name: 'network',
    aliases: ['networking'],
    summary: 'Network interfaces at boot',
    units: {
      debian: [{unit: 'networking', packages: ['ifupdown'], sysvName: 'networking', oneshot: true}],
      rhel: [{unit: 'NetworkManager', packages: ['NetworkManager'], process: 'NetworkManager', directStart: ['/usr/sbin/NetworkManager']}],
    },
  },
  {
    name: 'sendmail',
    aliases: ['mail', 'smtp', 'mta'],
    summary: 'Mail server (SMTP): postfix or sendmail',
    units: {
      debian: [
        {unit: 'postfix', packages: ['postfix'], sysvName: 'postfix', process: 'master'},
        {unit: 'sendmail', packages: ['sendmail'], sysvName: 'sendmail', process: 'sendmail-mta'},
      ],
      rhel: [
        {unit: 'sendmail', packages: ['sendmail'], process: 'sendmail', directStart: ['/usr/sbin/sendmail', '-bd', '-q1h']},
        {unit: 'postfix', packages: ['postfix'], process: 'master', directStart: ['/usr/sbin/postfix', 'start']},
      ],
    },
  },
  {
    name: 'sshd',
    aliases: ['ssh'],
    summary: 'OpenSSH server',
    units: {
      debian: [{unit: 'ssh', packages: ['openssh-server'], sysvName: 'ssh', process: 'sshd'}],
      rhel: [{unit: 'sshd', packages: ['openssh-server'], process: 'sshd', directStart: ['/usr/sbin/sshd']}],
    },
  },
  {
    name: 'syslog',
    aliases: ['rsyslog'],
    summary: 'System logger (rsyslog)',
    units: {
      debian: [{unit: 'rsyslog', packages: ['rsyslog'], sysvName: 'rsyslog', process: 'rsyslogd'}],
      rhel: [{unit: 'rsyslog', packages: ['rsyslog'], process: 'rsyslogd', directStart: ['/usr/sbin/rsyslogd']}],
    },
  },
  {
    name: 'vsftpd',
    aliases: ['ftp'],
    summary: 'FTP server',
    units: {
      debian: [{unit: 'vsftpd', packages: ['vsftpd'], sysvName: 'vsftpd', process: 'vsftpd'}],
      rhel: [{unit: 'vsftpd', packages: ['vsftpd'], process: 'vsftpd', directStart: ['/usr/sbin/vsftpd', '/etc/vsftpd/vsftpd.conf']}],
    },
  },
  {
    name: 'xinetd',
    aliases: [],
    summary: 'Super-server for small network services',
    units: {
      debian: [{unit: 'xinetd', packages: ['xinetd'], sysvName: 'xinetd', process: 'xinetd'}],
      rhel: [{unit: 'xinetd', packages: ['xinetd'], process: 'xinetd', directStart: ['/usr/sbin/xinetd']}],
    },
  },
  {
    name: 'smb',
    aliases: ['samba', 'smbd'],
    summary: 'Windows file and print sharing (Samba)',
    units: {
      debian: [{unit: 'smbd', packages: ['samba'], sysvName: 'smbd', process: 'smbd'}],
      rhel: [{unit: 'smb', packages: ['samba'], process: 'smbd', directStart: ['/usr/sbin/smbd']}],
    },
  },
  {
    name: 'nmb',
    aliases: ['nmbd', 'netbios'],
    summary: 'NetBIOS name server (Samba)',
    units: {
      debian: [{unit: 'nmbd', packages: ['samba'], sysvName: 'nmbd', process: 'nmbd'}],
      rhel: [{unit: 'nmb', packages: ['samba'], process: 'nmbd', directStart: ['/usr/sbin/nmbd']}],
    },
  },
  {
    name: 'mysqld',
    aliases: ['mysql', 'mariadb'],
    summary: 'Database server (MariaDB)',
    units: {
      debian: [{unit: 'mariadb', packages: ['mariadb-server'], sysvName: 'mariadb', process: 'mariadbd'}],
      // The RHEL unit prepares the data directory before starting; without systemd that is left to the admin.
      rhel: [{unit: 'mariadb', packages: ['mariadb-server'], process: 'mariadbd'}],
    },
  },
  {
    name: 'radiusd',
    aliases: ['radius', 'freeradius'],
    summary: 'RADIUS server (FreeRADIUS)',
    units: {
      debian: [{unit: 'freeradius', packages: ['freeradius'], sysvName: 'freeradius', process: 'freeradius'}],
      rhel: [{unit: 'radiusd', packages: ['freeradius'], process: 'radiusd', directStart: ['/usr/sbin/radiusd']}],
    },
  },
  {
    name: 'dhcpd',
    aliases: ['dhcp'],
    summary: 'DHCP server: ISC dhcpd, Kea or the one built into srvctl',
    units: {
      debian: [
        {unit: 'isc-dhcp-server', packages: ['isc-dhcp-server'], sysvName: 'isc-dhcp-server', process: 'dhcpd'},
        {unit: 'kea-dhcp4-server', packages: ['kea-dhcp4-server'], sysvName: 'kea-dhcp4-server', process: 'kea-dhcp4'},
        SRVCTL_DHCP,
      ],
      rhel: [
        {unit: 'dhcpd', packages: ['dhcp-server'], process: 'dhcpd', directStart: ['/usr/sbin/dhcpd', '-cf', '/etc/dhcp/dhcpd.conf', '-user', 'dhcpd', '-group', 'dhcpd']},
        {unit: 'kea-dhcp4', packages: ['kea'], process: 'kea-dhcp4', directStart: ['/usr/sbin/kea-dhcp4', '-c', '/etc/kea/kea-dhcp4.conf']},
        SRVCTL_DHCP,
      ],
    },
  },
  {
    name: 'crond',
    aliases: ['cron'],
    summary: 'Scheduled jobs (cron)',
    units: {
      debian: [{unit: 'cron', packages: ['cron'], sysvName: 'cron', process: 'cron'}],
      rhel: [{unit: 'crond', packages: ['cronie'], process: 'crond', directStart: ['/usr/sbin/crond']}],
    },
  },
  {
    name: 'ntpd',
    aliases: ['ntp', 'chrony', 'chronyd'],
    summary: 'Time synchronisation (chrony)',
    units: {
      debian: [{unit: 'chrony', packages: ['chrony'], sysvName: 'chrony', process: 'chronyd'}],
      rhel: [{unit: 'chronyd', packages: ['chrony'], process: 'chronyd', directStart: ['/usr/sbin/chronyd']}],
    },
  },
  {
    name: 'keepalived',
    aliases: ['vrrp'],
    summary: 'VRRP failover of shared addresses (keepalived)',
    units: {
      debian: [{unit: 'keepalived', packages: ['keepalived'], sysvName: 'keepalived', process: 'keepalived'}],
      rhel: [{unit: 'keepalived', packages: ['keepalived'], process: 'keepalived', directStart: ['/usr/sbin/keepalived']}],
    },
  },
]
