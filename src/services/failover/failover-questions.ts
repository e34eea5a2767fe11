import {ipv4Problem} from '../../lib/validation/net-values.js'
import type {Question} from '../../lib/wizard/questions.js'
import {hostAddressProblem} from '../network/host-address.js'
import {interfaceNameProblem} from '../network/interface-name.js'
import {healthCheckProblem} from './health-check.js'

const numberProblem = (min: number, max: number) => (v: string) => (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? undefined : `a number from ${min} to ${max}`)

/** The guide's "a dead server's address moves here": one VRRP address shared with a peer. */
export function failoverQuestions(saved: Record<string, unknown>): Question[] {
  return [
    {key: 'vip', kind: 'text', message: 'Shared address that moves between the machines (with prefix)', default: saved.vip as string | undefined, validate: hostAddressProblem},
    {key: 'interface', kind: 'text', message: 'Interface for the shared address', default: (saved.interface as string | undefined) ?? 'eth0', validate: interfaceNameProblem},
    {key: 'peers', kind: 'list', message: "The other machine's own address", default: (saved.peers as string[] | undefined)?.join(', '), validate: ipv4Problem},
    {key: 'priority', kind: 'text', message: 'Priority here (the higher one holds the address; e.g. 150 here, 100 on the peer)', default: String(saved.priority ?? 100), validate: numberProblem(1, 254)},
    {key: 'authPass', kind: 'secret', message: 'VRRP password, the same on both machines (up to 8 characters)', validate: (v) => (/^[A-Za-z0-9._-]{1,8}$/.test(v) ? undefined : '1 to 8 letters, digits, ".", "_" or "-"')},
    {key: 'checks', kind: 'list', optional: true, message: 'Health checks (a process name like named, or tcp:PORT)', default: (saved.checks as string[] | undefined)?.join(', '), validate: healthCheckProblem},
  ]
}

export function failoverSettingsFromAnswers(answers: Record<string, unknown>, saved: Record<string, unknown>): Record<string, unknown> {
  return {...saved, ...answers, priority: Number(answers.priority)}
}
