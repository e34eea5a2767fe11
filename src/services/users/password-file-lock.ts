import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync} from 'node:fs'

import {ApplyError, LockedError} from '../../lib/errors.js'

/*
 * The lock every tool that edits the account files takes: glibc's lckpwdf()
 * (used by useradd, usermod, passwd, vipw and pam_unix) opens /etc/.pwd.lock
 * and waits for an fcntl() write lock on it, for at most 15 seconds. flock(1)
 * would not do: on Linux flock and fcntl locks do not see each other, so it
 * would exclude nobody. Node has no fcntl(), so a tiny helper process takes
 * the lock and holds it until srvctl closes its stdin (or dies, which closes
 * it too, so the lock can never be left behind).
 */

const PYTHON = [
  'import fcntl, os, sys',
  'fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)',
  'fcntl.lockf(fd, fcntl.LOCK_EX)',
  'sys.stdout.write("locked\\n"); sys.stdout.flush()',
  'sys.stdin.read()',
].join('\n')

// struct flock on LP64 Linux: short type, short whence, (pad), off_t start, off_t len, pid_t pid, (pad).
const PERL = [
  'use Fcntl; use Config;',
  'die "struct flock layout unknown here\\n" unless $Config{ptrsize} == 8 && $Config{lseeksize} == 8;',
  'sysopen(my $fh, $ARGV[0], O_WRONLY | O_CREAT, 0600) or die "$ARGV[0]: $!\\n";',
  'fcntl($fh, F_SETLKW, pack("s s x4 q q l x4", F_WRLCK, SEEK_SET, 0, 0, 0)) or die "fcntl: $!\\n";',
  '$| = 1; print "locked\\n"; 1 while <STDIN>;',
].join('\n')

export type LockHelper = 'python3' | 'perl'

function helper(only?: LockHelper): string[] {
  if (only !== 'perl') for (const python of ['/usr/bin/python3', '/usr/libexec/platform-python']) if (existsSync(python)) return [python, '-c', PYTHON]
  if (only !== 'python3' && existsSync('/usr/bin/perl')) return ['/usr/bin/perl', '-e', PERL]
  throw new ApplyError('lock the account files', 'neither python3 nor perl is installed to take the fcntl lock on /etc/.pwd.lock')
}

export interface PasswordFileLock {
  release(): Promise<void>
}

/**
 * Waits (like lckpwdf, 15 s by default) for the lock on `lockFile`; the
 * returned handle releases it. `helper` forces one interpreter (tests).
 */
export async function lockPasswordFiles(lockFile: string, options: {timeoutMs?: number; helper?: LockHelper} = {}): Promise<PasswordFileLock> {
  const [command, ...args] = helper(options.helper)
  const child: ChildProcess = spawn(command, [...args, lockFile], {stdio: ['pipe', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()))
  const timeoutMs = options.timeoutMs ?? 15_000
  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new LockedError(`another program holds the account-file lock ${lockFile} (waited ${Math.round(timeoutMs / 1000)} s)`, 'wait until useradd/passwd/vipw finish, then run again'))
    }, timeoutMs)
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('locked')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      reject(new ApplyError('lock the account files', `${lockFile}: ${stderr.trim() || `lock helper exited with ${code}`}`))
    })
  })
  return {
    async release() {
      child.stdin?.end()
      await exited
    },
  }
}
