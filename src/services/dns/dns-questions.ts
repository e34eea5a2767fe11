import {cidr4Problem, dnsNameProblem, ipv4Problem} from '../../lib/validation/net-values.js'
import type {Question} from '../../lib/wizard/questions.js'
import {parseRecord} from './dns-records.js'

const list = (value: unknown): string | undefined => (Array.isArray(value) && value.length > 0 ? value.join('; ') : undefined)

export function dnsQuestions(saved: Record<string, unknown>): Question[] {
  const domain = typeof saved.domain === 'string' ? saved.domain : undefined
  return [
    {key: 'domain', kind: 'text', message: 'DNS domain (zone) this server is authoritative for', default: domain, validate: dnsNameProblem},
    {key: 'serverIp', kind: 'text', message: 'IPv4 address named listens on', default: saved.serverIp as string | undefined, validate: ipv4Problem},
    {
      key: 'records',
      kind: 'list',
      optional: true,
      message: 'Records, separated by ";" (e.g. www A 192.168.10.80; @ MX 10 mail)',
      default: list(saved.records),
      validate: (item) => {
        try {
          parseRecord(item, domain ?? 'example.test')
          return undefined
        } catch (error) {
          return (error as Error).message
        }
      },
    },
    {key: 'forwarders', kind: 'list', optional: true, message: 'Forwarders for other names (empty: none)', default: list(saved.forwarders), validate: ipv4Problem},
    {key: 'allowRecursion', kind: 'list', optional: true, message: 'Networks allowed to resolve through this server (empty: recursion off)', default: list(saved.allowRecursion), validate: cidr4Problem},
  ]
}
