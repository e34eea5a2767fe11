import {z} from 'zod'

import {ipv4Problem} from '../../lib/validation/net-values.js'
import {hostAddressProblem} from '../network/host-address.js'
import {interfaceNameProblem} from '../network/interface-name.js'
import {checkedString} from '../network/network-settings.js'
import {healthCheckProblem} from './health-check.js'

export const failoverSettingsSchema = z
  .object({
    /** The shared address with its prefix, e.g. 192.168.10.5/24. */
    vip: checkedString(hostAddressProblem, 'the shared address is missing: --vip A.B.C.D/LEN'),
    interface: checkedString(interfaceNameProblem, 'the interface is missing: --interface IF'),
    peers: z.array(checkedString(ipv4Problem), {error: (issue) => (issue.input === undefined ? 'at least one --peer (the other machine\'s address) is needed' : undefined)}).min(1, 'at least one --peer (the other machine\'s address) is needed'),
    priority: z.number().int().min(1, 'priority must be 1 to 254').max(254, 'priority must be 1 to 254 (255 is for the owner of a real address)').default(100),
    /** virtual_router_id; the same on every machine of the pair. Default: the last number of the VIP. */
    routerId: z.number().int().min(1, 'router id must be 1 to 255').max(255, 'router id must be 1 to 255').optional(),
    /** VRRPv2 PASS authentication: at most 8 characters (the rest is ignored by the protocol). */
    authPass: z
      .string({error: (issue) => (issue.input === undefined ? 'the VRRP password is missing: --auth-pass PASS (the same on both machines)' : undefined)})
      .regex(/^[A-Za-z0-9._-]{1,8}$/, 'the password must be 1 to 8 letters, digits, \'.\', \'_\' or \'-\' (VRRP uses only 8 characters)'),
    checks: z.array(checkedString(healthCheckProblem)).default([]),
    /** Source of the adverts; default: the interface's primary address. */
    source: checkedString(ipv4Problem).optional(),
    advertInt: z.number().int().min(1).max(255).default(1),
  })
  .superRefine((settings, ctx) => {
    const vip = settings.vip.split('/')[0]
    for (const [i, peer] of settings.peers.entries()) {
      if (peer === vip) ctx.addIssue({code: 'custom', path: ['peers', i], message: `peer ${peer} is the shared address itself; give the other machine's own address`})
      if (settings.peers.indexOf(peer) !== i) ctx.addIssue({code: 'custom', path: ['peers', i], message: `peer ${peer} is listed twice`})
    }
    if (settings.source === vip) ctx.addIssue({code: 'custom', path: ['source'], message: 'the source of the adverts must be this machine\'s own address, not the shared one'})
    if (new Set(settings.checks).size !== settings.checks.length) ctx.addIssue({code: 'custom', path: ['checks'], message: 'a check is listed twice'})
  })

export type FailoverSettings = z.infer<typeof failoverSettingsSchema>
