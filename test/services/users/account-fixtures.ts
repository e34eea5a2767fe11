import {chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

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

const OS_RELEASE = {
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n',
  rhel: 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n',
}

/** A --root tree whose /etc holds the account files of test/fixtures/users/here-DISTRO, with the distro's modes. */
export function accountRoot(distro: 'debian' | 'rhel'): string {
  const root = mkdtempSync(join(tmpdir(), `srvctl-users-${distro}-`))
  mkdirSync(join(root, 'etc'))
  for (const file of ['passwd', 'shadow', 'group', 'gshadow', 'login.defs']) cpSync(fixturePath('users', `here-${distro}`, file), join(root, 'etc', file))
  writeFileSync(join(root, 'etc/os-release'), OS_RELEASE[distro])
  const secretMode = distro === 'debian' ? 0o640 : 0o000
  for (const file of ['shadow', 'gshadow']) chmodSync(join(root, 'etc', file), secretMode)
  return root
}
