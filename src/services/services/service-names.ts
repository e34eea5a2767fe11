import type {DistroId} from '../../lib/distro/profile.js'
import {type CatalogEntry, SERVICE_CATALOG, type ServiceUnit} from './service-catalog.js'

/** What a name the admin typed refers to: a catalog entry, or one particular unit of it. */
export interface ServiceRef {
  entry: CatalogEntry
  /** Set when the admin named a unit (postfix, kea-dhcp4-server) rather than the service (sendmail, dhcpd). */
  unit?: ServiceUnit
}

export function knownServiceNames(): string[] {
  return SERVICE_CATALOG.map((e) => e.name)
}

/**
 * Resolves a guide name (sshd), an alias (ssh) or this distribution's unit
 * name (apache2). Service names win over unit names (`sendmail` on Debian is
 * the mail server, postfix or sendmail); `NAME.service` always means the unit.
 */
export function findServiceRef(name: string, distro: DistroId): ServiceRef | undefined {
  const explicitUnit = name.endsWith('.service')
  const wanted = explicitUnit ? name.slice(0, -'.service'.length) : name
  if (!explicitUnit) {
    const lower = wanted.toLowerCase()
    const entry = SERVICE_CATALOG.find((e) => e.name === lower || e.aliases.includes(lower))
    if (entry) return {entry}
  }
  for (const entry of SERVICE_CATALOG) {
    const unit = entry.units[distro].find((u) => u.unit === wanted)
    if (unit) return entry.units[distro].length > 1 ? {entry, unit} : {entry}
  }
  return undefined
}

/** True when the name means something on some distribution (the saved state is checked without a profile). */
export function isKnownOnAnyDistro(name: string): boolean {
  return findServiceRef(name, 'debian') !== undefined || findServiceRef(name, 'rhel') !== undefined
}

/** The units a name turns on: the one named, or the distribution's usual choice. */
export function unitToTurnOn(ref: ServiceRef, distro: DistroId): ServiceUnit {
  return ref.unit ?? ref.entry.units[distro][0]
}

/** The units a name turns off: the one named, or every alternative (`--off dhcpd` means no DHCP server at all). */
export function unitsToTurnOff(ref: ServiceRef, distro: DistroId): ServiceUnit[] {
  return ref.unit ? [ref.unit] : ref.entry.units[distro]
}

/**
 * How the desired state spells a choice: the service name when this
 * distribution has one unit for it, else `UNIT.service` (which cannot be
 * mistaken for a service name: sendmail.service vs the mail service sendmail).
 */
export function savedName(entry: CatalogEntry, unit: ServiceUnit, distro: DistroId): string {
  return entry.units[distro].length === 1 ? entry.name : `${unit.unit}.service`
}
