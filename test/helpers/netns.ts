// Network namespaces for tests that need real interfaces: a Lab creates
// namespaces and veth pairs, runs commands inside them, and removes all of it
// again (processes first, then namespaces) even when the test failed.
// Addresses must be in 198.18.0.0/15; traffic never leaves the namespaces.

import {type ChildProcess, execFile, execFileSync, spawn, type SpawnOptions} from 'node:child_process'

/** Can this process create namespaces (root with `ip`)? Tests skip themselves otherwise. */
export function netnsSupported(): boolean {
  if (process.getuid?.() !== 0) return false
  try {
    execFileSync('ip', ['netns', 'list'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

export interface ExecResult {
  stdout: string
  stderr: string
  /** Exit code; null when killed by a signal (e.g. the timeout). */
  code: number | null
}

export interface ExecOptions {
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
  cwd?: string
  input?: string
}

export class Namespace {
  constructor(
    private readonly lab: Lab,
    readonly name: string,
  ) {}

  /** Runs a command in the namespace and resolves with its output, whatever its exit code. */
  exec(argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve) => {
      const child = execFile(
        'ip',
        ['netns', 'exec', this.name, ...argv],
        {timeout: options.timeoutMs ?? 30_000, env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL'},
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
          resolve({stdout: String(stdout), stderr: String(stderr), code})
        },
      )
      if (options.input !== undefined) child.stdin?.end(options.input)
    })
  }

  /** Like exec, but rejects unless the command exits 0; returns stdout. */
  async run(argv: string[], options: ExecOptions = {}): Promise<string> {
    const result = await this.exec(argv, options)
    if (result.code !== 0) {
      throw new Error(`in ${this.name}: ${argv.join(' ')} exited ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`)
    }
    return result.stdout
  }

  /** Starts a long-running process in the namespace, in its own process group; the lab kills it at cleanup. */
  spawn(argv: string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', this.name, ...argv], {stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true})
    this.lab.track(child)
    return child
  }

  /** `ip` in the namespace, synchronously (setup steps). */
  ip(...args: string[]): string {
    return execFileSync('ip', ['-n', this.name, ...args], {encoding: 'utf8'})
  }

  /** IPv4 addresses on an interface, as 'a.b.c.d/len'. */
  addresses(ifname: string): string[] {
    const out = this.ip('-4', '-o', 'addr', 'show', 'dev', ifname)
    return [...out.matchAll(/inet (\S+)/g)].map((match) => match[1])
  }

  addAddress(ifname: string, cidr: string): void {
    this.ip('addr', 'add', cidr, 'dev', ifname)
  }

  /** The MAC of an interface, lowercase. */
  mac(ifname: string): string {
    const match = /link\/ether ([0-9a-f:]{17})/.exec(this.ip('link', 'show', 'dev', ifname))
    if (!match) throw new Error(`${ifname} in ${this.name} has no MAC`)
    return match[1]
  }
}

/**
 * A set of namespaces owned by one test file. Namespace names are
 * `t-<tag>-<pid>-<name>`; interface names are the caller's (at most 15 chars,
 * they only need to be unique inside a namespace).
 */
export class Lab {
  private readonly namespaces: Namespace[] = []
  private readonly children = new Set<ChildProcess>()

  constructor(private readonly tag: string) {}

  namespace(name: string): Namespace {
    const full = `t-${this.tag}-${process.pid}-${name}`
    execFileSync('ip', ['netns', 'add', full])
    const ns = new Namespace(this, full)
    this.namespaces.push(ns)
    ns.ip('link', 'set', 'lo', 'up')
    return ns
  }

  /** A veth pair a:aIf <-> b:bIf, both up. */
  link(a: Namespace, aIf: string, b: Namespace, bIf: string): void {
    execFileSync('ip', ['-n', a.name, 'link', 'add', aIf, 'type', 'veth', 'peer', 'name', bIf, 'netns', b.name])
    a.ip('link', 'set', aIf, 'up')
    b.ip('link', 'set', bIf, 'up')
  }

  track(child: ChildProcess): void {
    this.children.add(child)
    child.once('exit', () => this.children.delete(child))
  }

  /** Kills every process started in the lab's namespaces, then deletes the namespaces. Never throws. */
  async cleanup(): Promise<void> {
    for (const child of this.children) killGroup(child.pid, 'SIGKILL')
    for (const ns of this.namespaces) {
      // Processes that escaped the tracked process groups (daemons that fork) keep a namespace alive.
      try {
        const pids = execFileSync('ip', ['netns', 'pids', ns.name], {encoding: 'utf8'}).split(/\s+/).filter(Boolean)
        for (const pid of pids) killPid(Number(pid))
      } catch {
        // the namespace is already gone
      }
    }
    await Promise.all([...this.children].map((child) => waitExit(child, 5000)))
    for (const ns of this.namespaces.splice(0)) {
      try {
        execFileSync('ip', ['netns', 'del', ns.name], {stdio: 'ignore'})
      } catch {
        // already deleted
      }
    }
  }
}

/** Signals a tracked child's whole process group (children were spawned detached). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // gone already
  }
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // gone already
  }
}

/** Resolves once the process has exited (or after timeoutMs). */
export function waitExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

/** Collects a child's stdout and stderr and resolves when a line matching `pattern` appears. */
export class OutputWatcher {
  text = ''
  private waiters: {pattern: RegExp; resolve: () => void}[] = []

  constructor(child: ChildProcess) {
    const collect = (chunk: Buffer): void => {
      this.text += chunk.toString()
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.pattern.test(this.text)) return true
        waiter.resolve()
        return false
      })
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
  }

  /** Resolves when the output matches; rejects with the output so far after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    if (pattern.test(this.text)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${this.text}`)), timeoutMs)
      this.waiters.push({
        pattern,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
      })
    })
  }
}
