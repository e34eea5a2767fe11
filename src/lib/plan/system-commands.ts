import {execa} from 'execa'

export interface CommandResult {
  ok: boolean
  exitCode: number
  output: string
}

/** Runs a command without a shell; never throws for a non-zero exit. */
export async function runCommand(argv: string[], options: {timeoutMs?: number; env?: Record<string, string>} = {}): Promise<CommandResult> {
  const [file, ...args] = argv
  const result = await execa(file, args, {
    reject: false,
    all: true,
    stdin: 'ignore',
    timeout: options.timeoutMs ?? 120_000,
    env: options.env,
  })
  const output = (result.all ?? '').toString().trim()
  const notFound = (result as {code?: string}).code === 'ENOENT'
  return {ok: result.exitCode === 0, exitCode: result.exitCode ?? (notFound ? 127 : 1), output: notFound ? `${file}: command not found` : output}
}

export async function commandExists(name: string): Promise<boolean> {
  const result = await runCommand(['sh', '-c', `command -v ${name}`])
  return result.ok
}
