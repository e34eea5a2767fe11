import {Flags} from '@oclif/core'

import {BaseCommand} from '../../lib/base-command.js'
import {targetFromFlags} from '../../lib/state/state-actions.js'
import {labelledAliases} from '../../services/aliases/aliases-plan.js'
import {loadSavedAliases} from '../../services/aliases/alias-apply.js'
import {aliasesSettingsSchema} from '../../services/aliases/alias-settings.js'
import {readLiveState} from '../../services/network/live-state.js'
import {interfaceExists} from '../../services/network/network-backend.js'

export interface AliasRow {
  interface: string
  label: string
  address: string
  /** Only on the live system: is the address on the interface with that label now? */
  live?: 'up' | 'missing'
}

export default class AliasList extends BaseCommand {
  static override summary = 'List the IPv4 aliases srvctl manages, and whether each is up.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static override flags = {
    root: Flags.string({summary: 'Read the saved aliases under this directory (nothing live is checked).', helpValue: 'DIR'}),
    distro: Flags.option({options: ['debian', 'rhel'] as const, summary: 'Use this distribution profile instead of detecting it.'})(),
  }

  async run(): Promise<AliasRow[]> {
    const {flags} = await this.parse(AliasList)
    const target = targetFromFlags(flags)
    const saved = loadSavedAliases(target)
    const parsed = aliasesSettingsSchema.safeParse({interfaces: saved.interfaces})
    const rows: AliasRow[] = (parsed.success ? labelledAliases(parsed.data) : []).map((a) => ({interface: a.interface, label: a.label, address: a.cidr}))
    if (target.root === '/') {
      for (const name of new Set(rows.map((r) => r.interface))) {
        const live = interfaceExists(name) ? (await readLiveState(name)).addresses : []
        for (const row of rows.filter((r) => r.interface === name)) {
          row.live = live.some((a) => a.cidr === row.address && a.label === row.label) ? 'up' : 'missing'
        }
      }
    }
    if (rows.length === 0) this.log('No aliases (add one with srvctl alias add A.B.C.D/LEN --interface IF).')
    for (const row of rows) this.log(`${row.label.padEnd(16)}${row.address.padEnd(20)}${row.live ?? ''}`.trimEnd())
    return rows
  }
}
