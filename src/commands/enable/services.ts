import {Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../lib/base-command.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {type ServicesResult, setServices, splitNames} from '../../services/services/services-actions.js'

export default class EnableServices extends MutatingCommand {
  static override summary = 'Turn system services on or off at boot (and start or stop them now).'
  static override description = `Names are the guide's (sshd, named, httpd, imap, sendmail, mysqld, dhcpd…), their aliases, or this
distribution's unit names (ssh, apache2, postfix, kea-dhcp4-server; add .service to mean a unit exactly).
See the list with \`srvctl services\`.

The choice is saved in /etc/srvctl/srvctl.yaml and applied with systemctl enable/disable, which works even
when systemd is not running; \`srvctl apply\` enforces it again later. Services named here are then
started or stopped right away; what cannot be started (no init script without systemd, a daemon that exits)
is reported as a warning and stays enabled for the next boot. --off of a service with several units
(dhcpd) turns all of them off; --on picks the installed one, or asks you to name it.`

  static override examples = [
    {description: 'SSH and DNS on, xinetd off', command: '<%= config.bin %> <%= command.id %> --on sshd,named --off xinetd'},
    {description: 'See what would change', command: '<%= config.bin %> <%= command.id %> --on sshd --dry-run'},
    {description: 'Use Kea as the DHCP server and turn the other DHCP servers off', command: '<%= config.bin %> <%= command.id %> --off dhcpd --on kea-dhcp4-server'},
  ]

  static override flags = {
    on: Flags.string({summary: 'Services to enable at boot and start; comma-separated or repeated.', multiple: true, helpValue: 'NAME[,NAME…]'}),
    off: Flags.string({summary: 'Services to disable at boot and stop; comma-separated or repeated.', multiple: true, helpValue: 'NAME[,NAME…]'}),
    ...mutatingFlags,
  }

  async run(): Promise<ServicesResult> {
    const {flags} = await this.parse(EnableServices)
    const target = targetFromFlags(flags)
    const result = await setServices({on: splitNames(flags.on), off: splitNames(flags.off)}, target, this.progressFor(target), this.commandLine())
    this.printReport(result.apply, target.mode === 'dry-run')
    for (const r of result.runtime) {
      if (r.status === 'failed') this.warn(`could not ${r.action} ${r.unit}: ${r.detail}`)
      else this.log(`  ${r.action} ${r.unit}${r.status === 'planned' ? ' (dry run: not done)' : ' (done)'}`)
    }
    if (target.mode === 'root') this.log('  note: --root: services are not started or stopped')
    return result
  }
}
