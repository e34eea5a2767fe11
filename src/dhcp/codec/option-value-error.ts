import {UserError} from '../../lib/errors.js'

/**
 * An option value that cannot be encoded, parsed or decoded. The message is
 * one line naming the option and what to fix, e.g.
 * "option router: '1.2.3' is not an IPv4 address". It is a UserError so a
 * bad value in a config file or flag ends the command with exit code 2.
 */
export class OptionValueError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, hint, 'invalid-option-value')
  }
}
