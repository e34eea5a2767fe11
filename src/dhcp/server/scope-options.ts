import {lookupOption, parseOptionText} from '../codec/index.js'
import {ip4Value} from '../codec/packet-options.js'
import {Opt} from '../codec/packet-constants.js'
import type {Subnet} from '../config/subnet.js'

/**
 * The options a scope hands out, encoded once: the subnet mask from the
 * subnet (unless configured), then the configured ones in configuration
 * order. The configuration was validated, so encoding cannot fail here.
 */
export function encodeScopeOptions(options: Readonly<Record<string, string>>, subnet: Subnet): Map<number, Buffer> {
  const encoded = new Map<number, Buffer>()
  encoded.set(Opt.subnetMask, ip4Value(subnet.mask))
  for (const [nameOrCode, text] of Object.entries(options)) {
    encoded.set(lookupOption(nameOrCode)!.code, parseOptionText(nameOrCode, text))
  }
  return encoded
}
