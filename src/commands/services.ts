import {Flags} from '@oclif/core'

import {BaseCommand} from '../lib/base-command.js'
import {targetFromFlags} from '../lib/state/state-actions.js'
import {type ServiceRow, listServices} from '../services/services/services-actions.js'

export default class Services extends BaseCommand {
  static override summary = 'List the system services of the guide: installed, enabled at boot, running.'
  static override description = `The old guide's list (httpd, imap, named, network, sendmail, sshd, syslog, vsftpd, xinetd, smb,
mysqld, radiusd, dhcpd, …) mapped to this distribution's units (Debian: apache2, dovecot, ssh, mariadb…;
RHEL: httpd, dovecot, sshd, mariadb…). A service with several possible units (sendmail: postfix or sendmail;
dhcpd: ISC dhcpd, Kea or srvctl's own) shows each installed one. "Enabled" comes from systemctl is-enabled,
which works without a running systemd; "running" is only known on this machine (not under --root).
Change them with \`srvctl enable services --on … --off …\`.`

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    {description: 'As JSON, for scripts', command: '<%= config.bin %> <%= command.id %> --json'},
  ]

  static override flags = {
    root: Flags.string({summary: 'Look at the unit files under this directory instead of /.', helpValue: 'DIR'}),
    distro: Flags.option({options: ['debian', 'rhel'] as const, summary: 'Use this distribution profile instead of detecting it.'})(),
  }

  async run(): Promise<ServiceRow[]> {
    const {flags} = await this.parse(Services)
    const rows = await listServices(targetFromFlags(flags))
    const show = (v: boolean | null) => (v === null ? '-' : v ? 'yes' : 'no')
    this.log(`${'SERVICE'.padEnd(11)} ${'UNIT'.padEnd(17)} ${'INSTALLED'.padEnd(10)} ${'AT BOOT'.padEnd(8)} RUNNING`)
    for (const r of rows) {
      this.log(`${r.service.padEnd(11)} ${r.unit.padEnd(17)} ${show(r.installed).padEnd(10)} ${show(r.enabled).padEnd(8)} ${show(r.running)}`)
    }
    return rows
  }
}
