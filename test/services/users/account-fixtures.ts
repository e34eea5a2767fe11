import {existsSync, readFileSync} from 'node:fs'

import {fixturePath} from '../../helpers/repo-root.js'
import type {AccountTexts} from '../../../src/services/users/merge-accounts.js'

export type FixtureTexts = AccountTexts & {loginDefs?: string}

/** The account files of one fixture machine (test/fixtures/users/NAME). */
export function fixtureTexts(name: string): FixtureTexts {
  const read = (file: string) => {
    const path = fixturePath('users', name, file)
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined
  }
  return {
    passwd: read('passwd') as string,
    shadow: read('shadow') as string,
    group: read('group') as string,
    gshadow: read('gshadow'),
    loginDefs: read('login.defs'),
  }
}

/** The line of NAME in an account file's text. */
export function lineOf(text: string | undefined, name: string): string | undefined {
  return text?.split('\n').find((l) => l.startsWith(`${name}:`))
}
