import {BaseCommand} from '../../lib/base-command.js'
import {allServices} from '../../services/registry.js'

export default class Enable extends BaseCommand {
  static override summary = 'Configure a service from flags and apply it (one subcommand per service).'
  static override description = 'Each service has its own subcommand with its own flags: `srvctl enable SERVICE --help`.'
  static override examples = ['<%= config.bin %> enable dns --help', '<%= config.bin %> enable --json']

  async run(): Promise<{services: {name: string; summary: string}[]}> {
    await this.parse(Enable)
    const services = allServices().map((m) => ({name: m.name, summary: m.summary}))
    this.log('Services (srvctl enable SERVICE --help):')
    for (const s of services) this.log(`  ${s.name.padEnd(10)} ${s.summary}`)
    return {services}
  }
}
