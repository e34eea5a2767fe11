import {z} from 'zod'

import {hostAddressProblem} from '../network/host-address.js'
import {MAX_INTERFACE_NAME, interfaceNameProblem} from '../network/interface-name.js'
import {checkedString} from '../network/network-settings.js'

const aliasSchema = z.object({
  address: checkedString(hostAddressProblem),
  /** eth0:N; given by srvctl (lowest free N) when the alias is added. */
  label: z.string().optional(),
})

const interfaceSchema = z.object({
  name: checkedString(interfaceNameProblem),
  aliases: z.array(aliasSchema).default([]),
})

export type AliasEntry = z.infer<typeof aliasSchema>
export type AliasInterface = z.infer<typeof interfaceSchema>

/** The kernel's label limit (IFNAMSIZ - 1), and `ip` insists that a label starts with the interface name. */
function labelProblem(iface: string, label: string): string | undefined {
  if (!new RegExp(`^${iface.replaceAll('.', '\\.')}:[1-9][0-9]{0,3}$`).test(label)) return `label '${JSON.stringify(label).slice(1, -1)}' must be ${iface}:N (N from 1 to 9999)`
  if (label.length > MAX_INTERFACE_NAME) return `label ${label} is longer than ${MAX_INTERFACE_NAME} characters`
  return undefined
}

export const aliasesSettingsSchema = z
  .object({
    backend: z.enum(['ifupdown', 'networkmanager', 'netplan']).optional(),
    interfaces: z.array(interfaceSchema).default([]),
  })
  .superRefine((settings, ctx) => {
    const names = new Set<string>()
    const addresses = new Map<string, string>()
    for (const [i, entry] of settings.interfaces.entries()) {
      if (names.has(entry.name)) ctx.addIssue({code: 'custom', path: ['interfaces', i, 'name'], message: `interface ${entry.name} is listed twice`})
      names.add(entry.name)
      if (entry.aliases.length > 0 && `${entry.name}:1`.length > MAX_INTERFACE_NAME) {
        ctx.addIssue({code: 'custom', path: ['interfaces', i, 'name'], message: `${entry.name} is too long for alias labels (${entry.name}:1 exceeds ${MAX_INTERFACE_NAME} characters)`})
      }
      const labels = new Set<string>()
      for (const [j, alias] of entry.aliases.entries()) {
        const ip = alias.address.split('/')[0]
        const other = addresses.get(ip)
        if (other) ctx.addIssue({code: 'custom', path: ['interfaces', i, 'aliases', j, 'address'], message: `${ip} is already an alias of ${other}`})
        addresses.set(ip, entry.name)
        if (alias.label === undefined) continue
        const problem = labelProblem(entry.name, alias.label)
        if (problem) ctx.addIssue({code: 'custom', path: ['interfaces', i, 'aliases', j, 'label'], message: problem})
        if (labels.has(alias.label)) ctx.addIssue({code: 'custom', path: ['interfaces', i, 'aliases', j, 'label'], message: `label ${alias.label} is used twice`})
        labels.add(alias.label)
      }
    }
  })

export type AliasesSettings = z.infer<typeof aliasesSettingsSchema>

/** Every alias with a label: the ones that have one keep it, the others get the lowest free eth0:N. */
export function withLabels(interfaces: AliasInterface[]): AliasInterface[] {
  return interfaces.map((entry) => {
    const used = new Set(entry.aliases.map((a) => a.label).filter(Boolean))
    let next = 1
    const aliases = entry.aliases.map((alias) => {
      if (alias.label) return alias
      while (used.has(`${entry.name}:${next}`)) next++
      used.add(`${entry.name}:${next}`)
      return {...alias, label: `${entry.name}:${next}`}
    })
    return {...entry, aliases}
  })
}
