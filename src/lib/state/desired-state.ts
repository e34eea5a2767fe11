import {readFileSync} from 'node:fs'

import {parse, stringify} from 'yaml'

import {UserError} from '../errors.js'
import type {PlannedFile} from '../plan/plan-types.js'
import {SRVCTL_PATHS, type Target, onTarget} from '../plan/target.js'

/**
 * The desired state: what the admin asked for, per service. Secrets are kept
 * apart in a root-only file and merged back when loading, so srvctl.yaml can
 * be read, diffed and shared freely.
 */
export interface ServiceEntry {
  enabled: boolean
  settings: Record<string, unknown>
}

export interface DesiredState {
  version: 1
  services: Record<string, ServiceEntry>
}

function readYaml(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    return parse(text)
  } catch (error) {
    throw new UserError(`${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'fix the file by hand or restore it with `srvctl rollback`')
  }
}

export function loadDesiredState(target: Pick<Target, 'root'>): DesiredState {
  const statePath = onTarget(target, SRVCTL_PATHS.stateFile)
  const raw = readYaml(statePath) as Partial<DesiredState> | undefined
  const state: DesiredState = {version: 1, services: {}}
  if (raw === undefined || raw === null) return state
  if (typeof raw !== 'object' || raw.version !== 1 || typeof raw.services !== 'object' || raw.services === null) {
    throw new UserError(`${statePath}: expected "version: 1" and a "services" map`, 'fix the file or restore it with `srvctl rollback`')
  }
  const secrets = (readYaml(onTarget(target, SRVCTL_PATHS.secretsFile)) ?? {}) as Record<string, Record<string, unknown>>
  for (const [name, entry] of Object.entries(raw.services)) {
    state.services[name] = {
      enabled: entry?.enabled !== false,
      settings: {...(entry?.settings ?? {}), ...(secrets[name] ?? {})},
    }
  }
  return state
}

/** The two state files as planned files, so saving the state goes through the same backup/rollback path. */
export function stateFiles(state: DesiredState, secretKeysOf: (service: string) => string[]): PlannedFile[] {
  const publicState: DesiredState = {version: 1, services: {}}
  const secrets: Record<string, Record<string, unknown>> = {}
  for (const name of Object.keys(state.services).sort()) {
    const entry = state.services[name]
    const keys = new Set(secretKeysOf(name))
    const settings: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(entry.settings)) {
      if (value === undefined) continue
      if (keys.has(key)) (secrets[name] ??= {})[key] = value
      else settings[key] = value
    }
    publicState.services[name] = {enabled: entry.enabled, settings}
  }
  const header = '# Managed by srvctl: change it with `srvctl enable|disable`, or edit and run `srvctl apply`.\n'
  const files: PlannedFile[] = [
    {path: SRVCTL_PATHS.stateFile, content: header + stringify(publicState), mode: 0o644, owner: 'root', group: 'root'},
  ]
  if (Object.keys(secrets).length > 0) {
    files.push({
      path: SRVCTL_PATHS.secretsFile,
      content: stringify(secrets),
      mode: 0o600,
      owner: 'root',
      group: 'root',
      secret: true,
    })
  }
  return files
}
