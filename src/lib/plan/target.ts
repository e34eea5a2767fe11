import {join, resolve} from 'node:path'

import type {DistroProfile, InitSystem} from '../distro/profile.js'

/**
 * Where and how a plan is applied.
 * - live: root is "/", everything runs.
 * - root: files go under a directory; package installs and unit changes are listed, not run.
 * - dry-run: nothing is written and nothing runs except read-only inspection.
 */
export type ApplyMode = 'live' | 'root' | 'dry-run'

export interface Target {
  root: string
  mode: ApplyMode
  profile: DistroProfile
  init: InitSystem
  force: boolean
}

/** The path of an absolute system path inside the target root. */
export function onTarget(target: Pick<Target, 'root'>, path: string): string {
  return target.root === '/' ? path : join(target.root, path)
}

export function normaliseRoot(root: string | undefined): string {
  return root ? resolve(root) : '/'
}

/** State directories of srvctl itself, always under the target root. */
export const SRVCTL_PATHS = {
  stateFile: '/etc/srvctl/srvctl.yaml',
  secretsFile: '/etc/srvctl/secrets.yaml',
  managedIndex: '/var/lib/srvctl/managed.json',
  historyDir: '/var/lib/srvctl/history',
  lockFile: '/var/lib/srvctl/lock',
  backupDir: '/var/backups/srvctl',
} as const
