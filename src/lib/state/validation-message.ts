import type {z} from 'zod'

import {UserError} from '../errors.js'

/** The first schema problem as one line: `dns.records[2]: ...`. */
export function firstIssue(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0]
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
  return `${prefix}${path}: ${issue.message}`
}

export function parseWith<S>(schema: z.ZodType<S>, value: unknown, prefix: string, hint?: string): S {
  const result = schema.safeParse(value)
  if (!result.success) throw new UserError(firstIssue(result.error, prefix), hint)
  return result.data
}
