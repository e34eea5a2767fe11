import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {execa} from 'execa'

import {ApplyError, UserError} from '../../lib/errors.js'
import type {AccountTexts} from './merge-accounts.js'

export type SourceFiles = AccountTexts & {loginDefs?: string}

export type AccountSource = {kind: 'ssh'; host: string} | {kind: 'dir'; dir: string}

// [user@]host, where host is a name, an IPv4 address or a bracketed IPv6 one;
// never starting with "-", so it cannot be read as an ssh option.
const SSH_TARGET = /^(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?(?:[A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\])$/

export function sshTargetProblem(host: string): string | undefined {
  return SSH_TARGET.test(host) ? undefined : `--from '${host}' is not [USER@]HOST`
}

export function describeSource(source: AccountSource): string {
  return source.kind === 'ssh' ? source.host.replace(/^[^@]*@/, '') : source.dir
}

const FILES = ['passwd', 'shadow', 'group', 'gshadow', 'login.defs'] as const
const OPTIONAL = new Set<string>(['gshadow', 'login.defs'])

function assemble(read: Record<(typeof FILES)[number], string | undefined>): SourceFiles {
  return {
    passwd: read.passwd as string,
    shadow: read.shadow as string,
    group: read.group as string,
    gshadow: read.gshadow,
    loginDefs: read['login.defs'],
  }
}

/** Copies of the files in a directory: DIR/passwd … or DIR/etc/passwd … (a copied root). */
export function readSourceDir(dir: string): SourceFiles {
  const base = existsSync(join(dir, 'passwd')) ? dir : join(dir, 'etc')
  const read = {} as Record<(typeof FILES)[number], string | undefined>
  for (const file of FILES) {
    const path = join(base, file)
    if (!existsSync(path)) {
      if (OPTIONAL.has(file)) continue
      throw new UserError(`--from-dir ${dir} has no ${file}`, 'put copies of the main server\'s passwd, shadow, group (and gshadow, login.defs) there')
    }
    read[file] = readFileSync(path, 'utf8')
  }
  return assemble(read)
}

/**
 * `ssh HOST cat /etc/FILE` for each file, without prompts (BatchMode): the
 * main server must accept a key. A missing gshadow or login.defs is not an
 * error (then: no gshadow entries to copy, the default id range).
 */
export async function fetchOverSsh(host: string): Promise<SourceFiles> {
  const read = {} as Record<(typeof FILES)[number], string | undefined>
  for (const file of FILES) {
    const result = await execa('ssh', ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=15', '--', host, 'cat', `/etc/${file}`], {
      reject: false,
      stdin: 'ignore',
      stripFinalNewline: false,
      timeout: 60_000,
    })
    const stderr = String(result.stderr ?? '').trim()
    const lastLine = stderr.split('\n').at(-1) ?? ''
    if ((result as {code?: string}).code === 'ENOENT') throw new ApplyError('fetch the accounts', 'ssh is not installed here', 'install openssh-client, or copy the files and use --from-dir')
    if (result.exitCode === 255) {
      throw new ApplyError(`fetch /etc/${file} from ${host}`, lastLine || 'ssh failed', `check that \`ssh ${host} true\` works without a password (ssh-copy-id ${host})`)
    }
    if (result.exitCode !== 0) {
      if (OPTIONAL.has(file) && /No such file/.test(stderr)) continue
      throw new ApplyError(`fetch /etc/${file} from ${host}`, lastLine || `exit ${result.exitCode}`, /denied/i.test(stderr) ? `log in as root: --from root@${describeSource({kind: 'ssh', host})}` : undefined)
    }
    read[file] = String(result.stdout)
  }
  return assemble(read)
}

export function readSource(source: AccountSource): Promise<SourceFiles> {
  return source.kind === 'ssh' ? fetchOverSsh(source.host) : Promise.resolve(readSourceDir(source.dir))
}
