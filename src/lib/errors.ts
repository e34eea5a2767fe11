// Two kinds of failure reach the user. A UserError is a mistake in the input
// (exit 2): nothing was changed and the hint says what to fix. An ApplyError
// is an operation that failed on the system (exit 1) after the input was
// accepted; it names the step. Anything else is a bug and keeps its stack.

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

export class SrvctlError extends Error {
  readonly code: string
  readonly hint?: string
  readonly exitCode: number

  constructor(message: string, options: {code: string; hint?: string; exitCode: number; cause?: unknown}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = new.target.name
    this.code = options.code
    this.hint = options.hint
    this.exitCode = options.exitCode
  }

  toJSON(): {code: string; message: string; hint?: string} {
    return {code: this.code, message: this.message, ...(this.hint ? {hint: this.hint} : {})}
  }
}

/** Bad input: flags, answers, the desired-state file. Exit code 2, nothing written. */
export class UserError extends SrvctlError {
  constructor(message: string, hint?: string, code = 'invalid-input') {
    super(message, {code, hint, exitCode: EXIT_USAGE})
  }
}

/** A step of an apply that failed on the system. Exit code 1. */
export class ApplyError extends SrvctlError {
  readonly step: string

  constructor(step: string, message: string, hint?: string, cause?: unknown) {
    super(`${step}: ${message}`, {code: 'apply-failed', hint, exitCode: EXIT_FAILURE, cause})
    this.step = step
  }
}

/** Another srvctl run holds the lock. */
export class LockedError extends SrvctlError {
  constructor(message: string, hint?: string) {
    super(message, {code: 'locked', hint, exitCode: EXIT_FAILURE})
  }
}

export function isSrvctlError(error: unknown): error is SrvctlError {
  return error instanceof SrvctlError
}
