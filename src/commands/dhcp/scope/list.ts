import {Flags} from '@oclif/core'

import {parseDhcpConfig} from '../../../dhcp/config/parse-config.js'
import type {DhcpScope} from '../../../dhcp/config/schema.js'
import {BaseCommand} from '../../../lib/base-command.js'
import {targetFromFlags} from '../../../lib/state/state-actions.js'
import {savedDhcpSettings} from '../../../services/dhcp/save-dhcp.js'

function duration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  return `${seconds}s`
}

export default class DhcpScopeList extends BaseCommand {
  static override summary = 'List the DHCP scopes with their ranges, exclusions, lease time and options.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static override flags = {
    root: Flags.string({summary: 'Read the desired state under this directory.', helpValue: 'DIR'}),
  }

  async run(): Promise<DhcpScope[]> {
    const {flags} = await this.parse(DhcpScopeList)
    const target = targetFromFlags({root: flags.root, distro: 'debian'})
    const config = parseDhcpConfig(savedDhcpSettings(target), 'dhcp')
    if (config.scopes.length === 0) this.log('No DHCP scopes. Add one with srvctl dhcp scope add NAME --range START-END.')
    for (const s of config.scopes) {
      this.log(`${s.name}${s.active ? '' : ' (inactive)'}  ${s.subnet}  lease ${duration(s.leaseTime)}${s.description ? `  - ${s.description}` : ''}`)
      this.log(`  ranges:     ${s.ranges.map((r) => `${r.start}-${r.end}`).join(', ')}`)
      if (s.exclusions.length > 0) this.log(`  exclusions: ${s.exclusions.map((r) => `${r.start}-${r.end}`).join(', ')}`)
      for (const [name, value] of Object.entries(s.options)) this.log(`  option ${name}: ${value}`)
      for (const r of s.reservations) this.log(`  reserved ${r.address} for ${r.hwaddr ?? `client-id ${r.clientId}`}${r.hostname ? ` (${r.hostname})` : ''}`)
    }
    return config.scopes
  }
}
