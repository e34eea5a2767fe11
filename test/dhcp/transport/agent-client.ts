// Test-side handle on an ns-agent child process running in a namespace.
import {spawn, type ChildProcess} from 'node:child_process'
import {dirname, join} from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import type {AgentEvent, AgentRequest} from './ns-agent.js'

const agentScript = join(dirname(fileURLToPath(import.meta.url)), 'ns-agent.js')

/** A request the agent refused; carries the error's code ('ENETUNREACH', 'ERR_...'). */
export class AgentError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message)
  }
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

export class NsAgent {
  /** Every event received so far, in order. */
  readonly events: AgentEvent[] = []
  private readonly pending = new Map<number, Pending>()
  private readonly waiters = new Set<() => void>()
  private nextId = 1
  private stderr = ''

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()))
    createInterface({input: child.stdout!}).on('line', (line) => this.receive(line))
    child.on('exit', (code, signal) => {
      for (const {reject} of this.pending.values()) {
        reject(new Error(`agent exited (${code ?? signal}): ${this.stderr}`))
      }
      this.pending.clear()
    })
  }

  static spawn(namespace: string): NsAgent {
    return new NsAgent(
      spawn('ip', ['netns', 'exec', namespace, process.execPath, agentScript], {stdio: ['pipe', 'pipe', 'pipe']}),
    )
  }

  /** Rejects with AgentError when the agent refuses, or after `timeoutMs` when it does not answer. */
  request<T = unknown>(request: AgentRequest, timeoutMs = 10_000): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`agent did not answer ${JSON.stringify(request)} within ${timeoutMs} ms: ${this.stderr}`))
      }, timeoutMs)
      const settle =
        <A>(done: (value: A) => void) =>
        (value: A): void => {
          clearTimeout(timer)
          done(value)
        }
      this.pending.set(id, {resolve: settle(resolve as (value: unknown) => void), reject: settle(reject)})
      this.child.stdin!.write(`${JSON.stringify({id, ...request})}\n`)
    })
  }

  /** Resolves with the first event (from index `from` on) matching `match`; rejects after `timeoutMs`. */
  waitFor<E extends AgentEvent>(match: (event: AgentEvent) => event is E, from = 0, timeoutMs = 5000): Promise<E> {
    return new Promise<E>((resolve, reject) => {
      const check = (): boolean => {
        const found = this.events.slice(from).find(match)
        if (!found) return false
        this.waiters.delete(check)
        clearTimeout(timer)
        resolve(found)
        return true
      }
      const timer = setTimeout(() => {
        this.waiters.delete(check)
        reject(new Error(`no matching event within ${timeoutMs} ms; events: ${JSON.stringify(this.events)}`))
      }, timeoutMs)
      if (!check()) this.waiters.add(check)
    })
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.stdin!.end()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000)
    await exited
    clearTimeout(timer)
  }

  private receive(line: string): void {
    const message = JSON.parse(line) as
      | AgentEvent
      | {id: number; ok: true; result: unknown}
      | {id: number; ok: false; error: {code?: string; message: string}}
    if ('event' in message) {
      this.events.push(message)
      for (const check of [...this.waiters]) check()
      return
    }
    const pending = this.pending.get(message.id)
    this.pending.delete(message.id)
    if (message.ok) pending?.resolve(message.result)
    else pending?.reject(new AgentError(message.error.code, message.error.message))
  }
}

export const isUdp =
  (tag: string, data?: string) =>
  (event: AgentEvent): event is Extract<AgentEvent, {event: 'udp'}> =>
    event.event === 'udp' && event.tag === tag && (data === undefined || event.data === data)

export const isPacket =
  (data?: string) =>
  (event: AgentEvent): event is Extract<AgentEvent, {event: 'packet'}> =>
    event.event === 'packet' && (data === undefined || event.data === data)
