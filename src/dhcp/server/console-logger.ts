import type {DhcpLogger} from './server-log.js'

export interface ConsoleLoggerOptions {
  /** Leave out the per-message lines; notices, warnings and errors are still written. */
  quiet: boolean
  out?: NodeJS.WritableStream
  err?: NodeJS.WritableStream
}

/** Timestamped lines: messages to stdout, warnings and errors to stderr (a service manager or a log file keeps both). */
export function createConsoleLogger(options: ConsoleLoggerOptions): DhcpLogger {
  const out = options.out ?? process.stdout
  const err = options.err ?? process.stderr
  return {
    ...(options.quiet ? {} : {info: (line: string) => out.write(`${new Date().toISOString()} ${line}\n`)}),
    notice: (line) => out.write(`${new Date().toISOString()} ${line}\n`),
    warn: (line) => err.write(`${new Date().toISOString()} warning: ${line}\n`),
    error: (line) => err.write(`${new Date().toISOString()} error: ${line}\n`),
  }
}
