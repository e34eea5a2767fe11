import {Resolver} from 'node:dns/promises'
import {connect} from 'node:net'

import type {PostCheck} from './plan-types.js'
import {runCommand} from './system-commands.js'

async function probeOnce(check: PostCheck): Promise<void> {
  switch (check.kind) {
    case 'dns': {
      const resolver = new Resolver({timeout: 1000, tries: 1})
      resolver.setServers([check.port === 53 ? check.server : `${check.server}:${check.port}`])
      if (check.type === 'SOA') await resolver.resolveSoa(check.name)
      else if (check.type === 'MX') await resolver.resolveMx(check.name)
      else if (check.type === 'PTR') await resolver.reverse(check.name)
      else await resolver.resolve4(check.name)
      return
    }
    case 'tcp':
      await new Promise<void>((resolve, reject) => {
        const socket = connect({host: check.host, port: check.port, timeout: 1000})
        socket.once('connect', () => {
          socket.destroy()
          resolve()
        })
        socket.once('timeout', () => {
          socket.destroy()
          reject(new Error('timed out'))
        })
        socket.once('error', reject)
      })
      return
    case 'command': {
      const result = await runCommand(check.argv, {timeoutMs: 10_000})
      if (!result.ok) throw new Error(result.output || `exit ${result.exitCode}`)
    }
  }
}

/** A freshly restarted daemon needs a moment: retry for up to `withinMs`. */
export async function runPostCheck(check: PostCheck): Promise<void> {
  const deadline = Date.now() + (check.withinMs ?? 15_000)
  let last: unknown
  while (Date.now() < deadline) {
    try {
      await probeOnce(check)
      return
    } catch (error) {
      last = error
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  throw new Error(`${check.description}: ${(last as Error)?.message ?? 'no answer'}`)
}
