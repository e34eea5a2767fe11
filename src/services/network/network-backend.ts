import {existsSync, lstatSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import type {DistroProfile} from '../../lib/distro/profile.js'

/** The tool that brings interfaces up at boot and whose files srvctl writes. */
export type NetworkBackend = 'ifupdown' | 'networkmanager' | 'netplan'

/** Without a detected fact: what each family installs by default. */
export function defaultBackend(profile: DistroProfile): NetworkBackend {
  return profile.id === 'rhel' ? 'networkmanager' : 'ifupdown'
}

function hasYaml(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith('.yaml'))
  } catch {
    return false
  }
}

/**
 * Which backend the machine under `root` uses. netplan first: Ubuntu keeps
 * /etc/network (and may run NetworkManager) but only netplan's YAML is read at
 * boot. Then NetworkManager on RHEL, or on Debian without ifupdown's file.
 */
export function detectNetworkBackend(root: string, profile: DistroProfile): NetworkBackend {
  if (hasYaml(join(root, 'etc/netplan'))) return 'netplan'
  const ifupdown = existsSync(join(root, 'etc/network/interfaces'))
  const networkManager = existsSync(join(root, 'etc/NetworkManager')) || existsSync(join(root, 'usr/sbin/NetworkManager'))
  if (profile.id === 'rhel') return 'networkmanager'
  if (!ifupdown && networkManager) return 'networkmanager'
  return 'ifupdown'
}

/**
 * srvctl writes /etc/resolv.conf itself only when it is a plain file: a
 * symlink means resolvconf or systemd-resolved owns it.
 */
export function resolvConfIsPlainFile(root: string): boolean {
  try {
    return !lstatSync(join(root, 'etc/resolv.conf')).isSymbolicLink()
  } catch {
    return true
  }
}

/** Does the interface exist on this machine? (Only meaningful for root "/".) */
export function interfaceExists(name: string): boolean {
  return existsSync(join('/sys/class/net', name))
}
