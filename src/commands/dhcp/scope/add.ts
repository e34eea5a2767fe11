import {Args, Flags} from '@oclif/core'

import {MutatingCommand, mutatingFlags} from '../../../lib/base-command.js'
import {scopeFlags, scopeFromFlags} from '../../../lib/cli/dhcp-scope-flags.js'
import type {ApplyReport} from '../../../lib/plan/apply-plan.js'
import {targetFromFlags} from '../../../lib/state/state-actions.js'
import {saveDhcpSettings, savedDhcpSettings} from '../../../services/dhcp/save-dhcp.js'
import {type ScopeInput, addScope} from '../../../services/dhcp/scope-edits.js'

export default class DhcpScopeAdd extends MutatingCommand {
  static override summary = 'Add a DHCP scope: a range of addresses to lease on one subnet, with its options.'
  static override description = 'Like the scope wizard of a DHCP console: name, range, exclusions, lease duration, router, DNS servers, domain and any other option. Overlapping scopes, a range outside its subnet or an exclusion outside its range are rejected and nothing is saved. The running server reloads the scopes without losing leases.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> office --range 192.168.10.50-192.168.10.200 --exclude 192.168.10.60-192.168.10.69 --router 192.168.10.1 --dns 192.168.10.1 --domain example.test --lease-time 8d',
    '<%= config.bin %> <%= command.id %> lab --subnet 198.18.20.0/24 --range 198.18.20.10-198.18.20.99 --option "ntp-servers 198.18.20.1" --inactive',
  ]

  static override args = {name: Args.string({description: 'Scope name (letters, digits, ".", "_", "-").', required: true})}
  static override flags = {
    ...scopeFlags,
    range: Flags.string({summary: 'Addresses to hand out, start-end. Repeatable.', multiple: true, required: true, helpValue: 'START-END'}),
    inactive: Flags.boolean({summary: 'Save the scope without serving it yet (srvctl dhcp scope activate NAME).', default: false}),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {args, flags} = await this.parse(DhcpScopeAdd)
    const target = targetFromFlags(flags)
    const parts = scopeFromFlags(flags)
    const scope = {name: args.name, ...Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)), active: !flags.inactive} as ScopeInput
    const report = await saveDhcpSettings(addScope(savedDhcpSettings(target), scope), target, this.progressFor(target), this.commandLine())
    this.printReport(report, target.mode === 'dry-run')
    return report
  }
}
