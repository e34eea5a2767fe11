import type {Question} from '../../lib/wizard/questions.js'
import {hostAddressProblem} from '../network/host-address.js'
import {interfaceNameProblem} from '../network/interface-name.js'
import {type AliasInterface, withLabels} from './alias-settings.js'

/** One interface's extra addresses; other interfaces' aliases are kept as saved. */
export function aliasesQuestions(saved: Record<string, unknown>): Question[] {
  const first = ((saved.interfaces as AliasInterface[] | undefined) ?? [])[0]
  return [
    {key: 'interface', kind: 'text', message: 'Interface that carries the extra addresses', default: first?.name ?? 'eth0', validate: interfaceNameProblem},
    {key: 'addresses', kind: 'list', message: 'Extra addresses with prefix (e.g. 192.168.10.10/24)', default: first?.aliases.map((a) => a.address).join(', ') || undefined, validate: hostAddressProblem},
  ]
}

export function aliasesSettingsFromAnswers(answers: Record<string, unknown>, saved: Record<string, unknown>): Record<string, unknown> {
  const name = String(answers.interface)
  const previous = ((saved.interfaces as AliasInterface[] | undefined) ?? []).filter((i) => i.name !== name)
  const kept = ((saved.interfaces as AliasInterface[] | undefined) ?? []).find((i) => i.name === name)?.aliases ?? []
  const aliases = ((answers.addresses as string[] | undefined) ?? []).map((address) => kept.find((a) => a.address === address) ?? {address})
  return {...saved, interfaces: withLabels([...previous, {name, aliases}])}
}
