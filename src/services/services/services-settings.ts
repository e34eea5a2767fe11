import {z} from 'zod'

import type {DistroId} from '../../lib/distro/profile.js'
import {type ServiceRef, findServiceRef, isKnownOnAnyDistro, knownServiceNames, unitToTurnOn, unitsToTurnOff} from './service-names.js'

const NAME = /^[A-Za-z0-9][A-Za-z0-9@._-]*$/

/** The one-line problem with a service name, if any. */
export function serviceNameProblem(name: string): string | undefined {
  if (!NAME.test(name)) return `'${name}' is not a service name (letters, digits and . _ - @ only)`
  if (!isKnownOnAnyDistro(name)) return `unknown service '${name}' (known: ${knownServiceNames().join(', ')})`
  return undefined
}

const serviceName = z.string().superRefine((v, ctx) => {
  const problem = serviceNameProblem(v)
  if (problem) ctx.addIssue({code: 'custom', message: problem})
})

/** A name from the "on" list and one from the "off" list touch the same unit. */
function clash(on: ServiceRef, off: ServiceRef, distro: DistroId): boolean {
  return unitsToTurnOff(off, distro).includes(unitToTurnOn(on, distro))
}

/**
 * The desired state: services that must be enabled at boot and those that
 * must not. Names are guide names (sshd) or, where a distribution offers
 * several units for one service, `UNIT.service`.
 */
export const servicesSettingsSchema = z
  .object({
    on: z.array(serviceName).default([]),
    off: z.array(serviceName).default([]),
  })
  .superRefine((settings, ctx) => {
    for (const distro of ['debian', 'rhel'] as const) {
      for (const [i, offName] of settings.off.entries()) {
        const off = findServiceRef(offName, distro)
        const onName = settings.on.find((n) => {
          const on = findServiceRef(n, distro)
          return on && off && clash(on, off, distro)
        })
        if (onName !== undefined) {
          ctx.addIssue({code: 'custom', path: ['off', i], message: `'${offName}' is also turned on ('${onName}')`})
          return
        }
      }
    }
  })

export type ServicesSettings = z.infer<typeof servicesSettingsSchema>

/**
 * Folds one request into the saved lists: a service turned on leaves the
 * "off" list and the other way round; everything not named stays as it was.
 * When one alternative of an "off" service is turned on (`--on
 * kea-dhcp4-server` after `--off dhcpd`), the other alternatives stay off.
 */
export function mergeToggles(previous: ServicesSettings, on: string[], off: string[], distro: DistroId): ServicesSettings {
  // Saved names that mean nothing here (written for the other family) are kept untouched.
  const units = (name: string, turnOn: boolean) => {
    const ref = findServiceRef(name, distro)
    if (!ref) return []
    return turnOn ? [unitToTurnOn(ref, distro)] : unitsToTurnOff(ref, distro)
  }
  const onUnits = on.flatMap((n) => units(n, true))
  const offUnits = off.flatMap((n) => units(n, false))
  const keptOn = previous.on.filter((p) => !units(p, true).some((u) => onUnits.includes(u) || offUnits.includes(u)))
  const keptOff = previous.off.flatMap((p) => {
    const mine = units(p, false)
    if (mine.length > 0 && mine.every((u) => offUnits.includes(u))) return []
    if (!mine.some((u) => onUnits.includes(u))) return [p]
    return mine.filter((u) => !onUnits.includes(u) && !offUnits.includes(u)).map((u) => `${u.unit}.service`)
  })
  return {on: [...new Set([...keptOn, ...on])], off: [...new Set([...keptOff, ...off])]}
}
