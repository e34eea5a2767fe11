// The DHCPv4 packet codec: bytes <-> DhcpPacket, and option values <-> bytes
// and admin text. Pure functions, no I/O.

export {decodePacket, MalformedPacketError, type MalformedReason} from './decode-packet.js'
export {encodePacket, encodePacketInto, maxPayloadSize, PacketEncodeError} from './encode-packet.js'
export {hwaddrToString, ip4FromString, ip4ToString, maskToPrefix, parseHwaddr, parseIp4, prefixToMask} from './ip4.js'
export * from './packet-constants.js'
export {
  clientKeyOf,
  hwaddrOf,
  ip4Value,
  messageTypeOf,
  messageTypeValue,
  readIp4Option,
  readStringOption,
  readU16Option,
  readU32Option,
  u16Value,
  u32Value,
} from './packet-options.js'
export {
  closestOptionName,
  lookupOption,
  MESSAGE_TYPE_ENUM,
  OPTION_TABLE,
  optionByCode,
  optionByName,
  RELAY_SUBOPTION_NAMES,
  relaySubOptionCode,
  type OptionDef,
  type OptionType,
} from './option-table.js'
export {OptionValueError} from './option-value-error.js'
export {
  decodeOptionValue,
  encodeOptionValue,
  FQDN_FLAG_E,
  parseCidr,
  type ClientFqdn,
  type OptionValue,
  type OptionValueOfType,
  type RelaySubOption,
  type Route,
} from './option-values.js'
export {formatOptionValue, parseOptionText} from './option-text.js'
