import {confirm, input, password} from '@inquirer/prompts'

import type {Asker} from './questions.js'

/** Questions on the terminal; prompts go to stderr so stdout keeps only results. */
export function terminalAsker(): Asker {
  const context = {input: process.stdin, output: process.stderr}
  return {
    text: (message, options) =>
      options.secret
        ? password({message, mask: '*', validate: (v) => options.validate?.(v) ?? true}, context)
        : input({message, default: options.default, validate: (v) => options.validate?.(v) ?? true}, context),
    confirm: (message, defaultValue) => confirm({message, default: defaultValue}, context),
  }
}
