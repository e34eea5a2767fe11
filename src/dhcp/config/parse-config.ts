import type {z} from 'zod'

import {dhcpConfigSchema, type DhcpConfig} from './schema.js'

/** A configuration that cannot be served; the message is one line naming the field and the fix. */
export class DhcpConfigError extends Error {
  /** Where in the configuration, e.g. "dhcp.scopes[0].ranges[1]" ('' for the whole file). */
  readonly path: string
  /** The message without the path, for callers that name the place themselves (flags). */
  readonly problem: string

  constructor(problem: string, path: string) {
    super(path ? `${path}: ${problem}` : problem)
    this.name = 'DhcpConfigError'
    this.path = path
    this.problem = problem
  }
}

/** Validates and normalises a DHCP configuration (durations in seconds, canonical subnets and MACs). */
export function parseDhcpConfig(input: unknown, where = ''): DhcpConfig {
  const result = dhcpConfigSchema.safeParse(input ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new DhcpConfigError(issue.message, formatIssuePath(where, issue.path))
  }
  return result.data
}

/** `dhcp` + ['scopes', 0, 'ranges', 1] → "dhcp.scopes[0].ranges[1]". */
export function formatIssuePath(prefix: string, path: z.core.$ZodIssue['path']): string {
  let text = prefix
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`
    else text += text ? `.${String(part)}` : String(part)
  }
  return text
}
