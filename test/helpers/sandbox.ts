import {type ChildProcess, spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {execa} from 'execa'

/**
 * A throw-away copy of this machine for end-to-end tests of real applies:
 * private mount, PID, UTS and network namespaces; /etc and /var are overlays whose
 * upper layers live on a tmpfs inside the namespace; /run is a fresh tmpfs.
 * Whatever the code under test writes or starts there vanishes when the
 * sandbox's PID 1 exits: the host's files and services are never touched,
 * and the network namespace has only its own loopback.
 */
export class Sandbox {
  private constructor(
    private readonly holder: ChildProcess,
    readonly pid: number,
    private readonly scratch: string,
  ) {}

  static async create(options: {addresses?: string[]} = {}): Promise<Sandbox> {
    const scratch = mkdtempSync(join(tmpdir(), 'srvctl-sandbox-'))
    const setup = [
      'set -e',
      `mount -t tmpfs -o mode=0755 sandbox ${scratch}`,
      ...['etc', 'var'].flatMap((dir) => [
        `mkdir -p ${scratch}/${dir}/upper ${scratch}/${dir}/work`,
        `mount -t overlay overlay -o lowerdir=/${dir},upperdir=${scratch}/${dir}/upper,workdir=${scratch}/${dir}/work /${dir}`,
      ]),
      'mount -t tmpfs -o mode=0755 run /run',
      'mkdir -m 1777 /run/lock',
      'ip link set lo up',
      ...(options.addresses ?? []).map((a) => `ip addr add ${a} dev lo`),
      'echo READY',
      'exec sleep infinity',
    ].join('\n')
    const holder = spawn('unshare', ['--mount', '--net', '--pid', '--uts', '--fork', '--mount-proc', '--propagation', 'private', 'bash', '-c', setup], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    holder.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    await new Promise<void>((resolve, reject) => {
      let out = ''
      holder.stdout?.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('READY')) resolve()
      })
      holder.once('exit', (code) => reject(new Error(`sandbox setup failed (exit ${code}): ${stderr}`)))
    })
    // unshare --fork: the namespace's PID 1 is unshare's only child.
    const children = readFileSync(`/proc/${holder.pid}/task/${holder.pid}/children`, 'utf8').trim().split(/\s+/)
    return new Sandbox(holder, Number(children[0]), scratch)
  }

  /** Runs a shell command inside the sandbox; never throws for a non-zero exit. */
  async run(command: string, options: {timeoutMs?: number; env?: Record<string, string>} = {}): Promise<{exitCode: number; stdout: string; stderr: string}> {
    const result = await execa('nsenter', ['-t', String(this.pid), '-m', '-n', '-p', '-u', '--', 'bash', '-c', command], {
      reject: false,
      timeout: options.timeoutMs ?? 120_000,
      env: {NO_COLOR: '1', ...options.env},
      stdin: 'ignore',
    })
    return {exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr)}
  }

  async destroy(): Promise<void> {
    if (this.holder.exitCode === null) {
      const exited = new Promise((r) => this.holder.once('exit', r))
      // Killing the namespace's PID 1 makes the kernel kill everything inside.
      try {
        process.kill(this.pid, 'SIGKILL')
      } catch {
        // already gone
      }
      this.holder.kill('SIGKILL')
      await exited
    }
    rmSync(this.scratch, {recursive: true, force: true})
  }
}

export const canSandbox = process.getuid?.() === 0
