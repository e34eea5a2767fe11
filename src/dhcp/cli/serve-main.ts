import {SrvctlError, EXIT_FAILURE} from '../../lib/errors.js'
import {styleFor} from '../../lib/terminal-style.js'
import {runServe} from './run-serve.js'
import {parseServeFlags} from './serve-flags.js'

/**
 * `srvctl dhcp serve` without oclif: bin/run.js comes here unless help is
 * asked for. Errors look and exit as under BaseCommand: a mistake prints
 * "Error:" and "Hint:" lines and exits 2, anything else is a bug and keeps
 * its stack (exit 1).
 */
export async function main(argv: string[]): Promise<void> {
  try {
    await runServe(parseServeFlags(argv))
  } catch (error) {
    const style = styleFor(process.stderr)
    if (error instanceof SrvctlError) {
      process.stderr.write(`${style.red('Error:')} ${error.message}\n`)
      if (error.hint) process.stderr.write(`${style.dim('Hint:')} ${error.hint}\n`)
      process.exitCode = error.exitCode
      return
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = EXIT_FAILURE
  }
}
