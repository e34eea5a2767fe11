import {Flags} from '@oclif/core'

import {SCOPE_FLAG_TEXT as text} from './scope-from-flags.js'

/** The flags that describe a scope, shared by `dhcp scope add` and `dhcp scope set`. */
export const scopeFlags = {
  description: Flags.string({summary: 'Free text shown in listings.'}),
  subnet: Flags.string({summary: 'The scope\'s network, e.g. 192.168.10.0/24 (default: from the first --range and --prefix).', helpValue: 'CIDR'}),
  range: Flags.string({...text.range, multiple: true}),
  prefix: Flags.integer({summary: 'Prefix length when --subnet is not given (24 = 255.255.255.0).', min: 8, max: 30}),
  exclude: Flags.string({...text.exclude, multiple: true}),
  'lease-time': Flags.string(text['lease-time']),
  router: Flags.string(text.router),
  dns: Flags.string({...text.dns, multiple: true}),
  domain: Flags.string(text.domain),
  option: Flags.string({...text.option, multiple: true}),
  interface: Flags.string({summary: 'Serve this scope on this interface (default: the interface whose address is in the subnet).', helpValue: 'IFACE'}),
}

export {type ScopeFlagValues, scopeFromFlags} from './scope-from-flags.js'
