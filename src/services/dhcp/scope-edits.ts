import {UserError} from '../../lib/errors.js'

// Edits of the saved DHCP settings, as the admin wrote them (durations like
// "8d" stay as written). Pure: the caller validates the result with the
// schema and applies it through the engine.

export interface ScopeInput {
  name: string
  description?: string
  subnet?: string
  ranges?: string[]
  exclusions?: string[]
  leaseTime?: string | number
  options?: Record<string, string>
  reservations?: ReservationInput[]
  active?: boolean
  interface?: string
}

export interface ReservationInput {
  hwaddr?: string
  clientId?: string
  address: string
  hostname?: string
}

export interface DhcpSettingsInput {
  scopes?: ScopeInput[]
  [key: string]: unknown
}

function scopesOf(settings: DhcpSettingsInput): ScopeInput[] {
  return (settings.scopes ?? []).map((s) => ({...s}))
}

function indexOfScope(scopes: ScopeInput[], name: string): number {
  const i = scopes.findIndex((s) => s.name === name)
  if (i < 0) {
    const known = scopes.map((s) => s.name).join(', ') || 'none yet'
    throw new UserError(`there is no DHCP scope '${name}'`, `existing scopes: ${known}`, 'unknown-scope')
  }
  return i
}

export function addScope(settings: DhcpSettingsInput, scope: ScopeInput): DhcpSettingsInput {
  const scopes = scopesOf(settings)
  if (scopes.some((s) => s.name === scope.name)) {
    throw new UserError(`a DHCP scope named '${scope.name}' exists already`, `change it with srvctl dhcp scope set ${scope.name}`)
  }
  return {...settings, scopes: [...scopes, scope]}
}

/** Replaces the given fields; options are merged key by key (an empty value removes the option). */
export function setScope(settings: DhcpSettingsInput, name: string, patch: Partial<ScopeInput>): DhcpSettingsInput {
  const scopes = scopesOf(settings)
  const i = indexOfScope(scopes, name)
  const current = scopes[i]
  const options = {...(current.options ?? {})}
  for (const [key, value] of Object.entries(patch.options ?? {})) {
    if (value === '') delete options[key]
    else options[key] = value
  }
  const next: ScopeInput = {...current}
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && key !== 'options') (next as unknown as Record<string, unknown>)[key] = value
  }
  next.options = options
  scopes[i] = next
  return {...settings, scopes}
}

export function removeScope(settings: DhcpSettingsInput, name: string): DhcpSettingsInput {
  const scopes = scopesOf(settings)
  scopes.splice(indexOfScope(scopes, name), 1)
  return {...settings, scopes}
}

export function addReservation(settings: DhcpSettingsInput, scopeName: string, reservation: ReservationInput): DhcpSettingsInput {
  const scopes = scopesOf(settings)
  const i = indexOfScope(scopes, scopeName)
  scopes[i] = {...scopes[i], reservations: [...(scopes[i].reservations ?? []), reservation]}
  return {...settings, scopes}
}

export function removeReservation(settings: DhcpSettingsInput, scopeName: string, match: {address?: string; hwaddr?: string}): DhcpSettingsInput {
  const scopes = scopesOf(settings)
  const i = indexOfScope(scopes, scopeName)
  const before = scopes[i].reservations ?? []
  const norm = (mac: string | undefined) => mac?.toLowerCase().replaceAll('-', ':')
  const after = before.filter((r) => !((match.address && r.address === match.address) || (match.hwaddr && norm(r.hwaddr) === norm(match.hwaddr))))
  if (after.length === before.length) {
    throw new UserError(`scope '${scopeName}' has no reservation for ${match.address ?? match.hwaddr}`, `see srvctl dhcp reservation list --scope ${scopeName}`)
  }
  scopes[i] = {...scopes[i], reservations: after}
  return {...settings, scopes}
}
