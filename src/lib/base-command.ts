import {Command, Flags, type Interfaces} from '@oclif/core'

import {EXIT_FAILURE, EXIT_USAGE, isSrvctlError} from './errors.js'
import type {ApplyReport} from './plan/apply-plan.js'
import {type Progress, listrProgress, silentProgress} from './plan/progress.js'
import {formatReport} from './plan/report-text.js'
import {styleFor} from './terminal-style.js'

export type JsonEnvelope<T> =
  | {status: 'ok'; result: T; warnings: string[]}
  | {status: 'error'; error: {code: string; message: string; hint?: string}; warnings: string[]}

/**
 * Every srvctl command extends this: one JSON envelope for --json, warnings
 * collected instead of printed under --json, and user errors shown as one line
 * plus a hint (no stack trace) with the documented exit codes.
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true
  protected readonly warnings: string[] = []

  protected note(message: string): void {
    // Progress and remarks go to stderr so stdout stays parseable.
    this.logToStderr(message)
  }

  override warn(input: string | Error): string | Error {
    const text = typeof input === 'string' ? input : input.message
    this.warnings.push(text)
    if (!this.jsonEnabled()) {
      const style = styleFor(process.stderr)
      process.stderr.write(`${style.yellow('Warning:')} ${text}\n`)
    }
    return input
  }

  protected override toSuccessJson(result: unknown): JsonEnvelope<unknown> {
    return {status: 'ok', result, warnings: this.warnings}
  }

  protected override async catch(err: Interfaces.CommandError): Promise<unknown> {
    if (isSrvctlError(err)) {
      process.exitCode = err.exitCode
      if (this.jsonEnabled()) {
        this.logJson({status: 'error', error: err.toJSON(), warnings: this.warnings} satisfies JsonEnvelope<never>)
      } else {
        const style = styleFor(process.stderr)
        process.stderr.write(`${style.red('Error:')} ${err.message}\n`)
        if (err.hint) process.stderr.write(`${style.dim('Hint:')} ${err.hint}\n`)
      }
      return this.exit(err.exitCode)
    }
    // Every parse problem (unknown flag, repeated flag, bad option value) is bad usage: exit 2.
    const cliError = err as {oclif?: {exit?: number}}
    if (!this.parsed && cliError.oclif) cliError.oclif.exit = EXIT_USAGE
    if (this.jsonEnabled() && !(err as {oclif?: unknown}).oclif) {
      process.exitCode = EXIT_FAILURE
      this.logJson({
        status: 'error',
        error: {code: 'internal', message: err.message},
        warnings: this.warnings,
      } satisfies JsonEnvelope<never>)
      // A bug: keep the stack on stderr even in JSON mode.
      process.stderr.write(`${err.stack ?? err.message}\n`)
      return this.exit(EXIT_FAILURE)
    }
    return super.catch(err)
  }
}

/** Flags shared by every command that changes the system. */
export const mutatingFlags = {
  'dry-run': Flags.boolean({summary: 'Show the plan and the diffs; write nothing, run nothing.', default: false}),
  root: Flags.string({
    summary: 'Write files under this directory instead of /; system commands are listed, not run.',
    helpValue: 'DIR',
  }),
  yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.', default: false}),
  force: Flags.boolean({summary: 'Replace managed files that were edited by hand (a copy of the edited file is kept).', default: false}),
  distro: Flags.option({options: ['debian', 'rhel'] as const, summary: 'Use this distribution profile instead of detecting it.'})(),
}

/** Shared plumbing of commands that change the system. */
export abstract class MutatingCommand extends BaseCommand {
  /** Progress on stderr, silent under --json and for dry runs (nothing happens). */
  protected progressFor(target: {mode: string}): Progress {
    return this.jsonEnabled() || target.mode === 'dry-run' ? silentProgress : listrProgress()
  }

  /** How this run is named in the history and the lock file. */
  protected commandLine(): string {
    return ['srvctl', ...(this.id ?? '').split(':'), ...this.argv].join(' ')
  }

  protected printReport(report: ApplyReport, withDiffs: boolean): void {
    this.log(formatReport(report, styleFor(process.stdout), withDiffs))
  }
}
