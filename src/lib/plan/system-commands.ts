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

/** A command's output as one line for an error message: its last few non-empty lines joined. */
export function outputSummary(result: CommandResult, lines = 3): string {
  const tail = result.output.split('\n').map((l) => l.trim()).filter(Boolean).slice(-lines)
  return tail.length > 0 ? tail.join(' | ') : `exit ${result.exitCode}`
}
