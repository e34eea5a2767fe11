import type {Question} from '../../lib/wizard/questions.js'
import {serviceNameProblem} from './services-settings.js'

const joined = (value: unknown): string | undefined => (Array.isArray(value) && value.length > 0 ? value.join(', ') : undefined)

/** The old `setup` tool's list of services, as two questions. */
export function servicesQuestions(saved: Record<string, unknown>): Question[] {
  return [
    {key: 'on', kind: 'list', optional: true, message: 'Services to start at boot (e.g. sshd, named, httpd)', default: joined(saved.on) ?? 'sshd', validate: serviceNameProblem},
    {key: 'off', kind: 'list', optional: true, message: 'Services to keep off (e.g. xinetd, sendmail)', default: joined(saved.off), validate: serviceNameProblem},
  ]
}
