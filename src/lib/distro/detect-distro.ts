import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {UserError} from '../errors.js'
import {type DistroId, type DistroProfile, type InitSystem, profileFor} from './profile.js'

const RHEL_IDS = new Set(['rhel', 'centos', 'rocky', 'almalinux', 'fedora', 'ol'])
const DEBIAN_IDS = new Set(['debian', 'ubuntu', 'raspbian', 'linuxmint'])

export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim())
    if (!match) continue
    fields[match[1]] = match[2].replace(/^(["'])(.*)\1$/, '$2')
  }
  return fields
}

export function distroIdFromOsRelease(fields: Record<string, string>): DistroId | undefined {
  const ids = [fields.ID ?? '', ...(fields.ID_LIKE ?? '').split(/\s+/)].map((s) => s.toLowerCase())
  if (ids.some((id) => DEBIAN_IDS.has(id))) return 'debian'
  if (ids.some((id) => RHEL_IDS.has(id))) return 'rhel'
  return undefined
}

/** Detects the profile from ROOT/etc/os-release, or uses the override. */
export function detectDistro(root: string, override?: DistroId): DistroProfile {
  const path = join(root, 'etc/os-release')
  const fallback = join(root, 'usr/lib/os-release')
  const file = existsSync(path) ? path : existsSync(fallback) ? fallback : undefined
  const fields = file ? parseOsRelease(readFileSync(file, 'utf8')) : {}
  if (override) return profileFor(override, fields.PRETTY_NAME)
  const id = distroIdFromOsRelease(fields)
  if (!id) {
    throw new UserError(
      `cannot tell the distribution from ${file ?? path} (ID=${fields.ID ?? 'missing'})`,
      'pass --distro debian or --distro rhel',
      'unknown-distro',
    )
  }
  return profileFor(id, fields.PRETTY_NAME)
}

/** systemd is running iff /run/systemd/system exists (what sd_booted() checks). */
export function detectInitSystem(): InitSystem {
  return existsSync('/run/systemd/system') ? 'systemd' : 'none'
}
