// Domain names in RFC 1035 wire form, as DHCP carries them in domain search
// (RFC 3397, with compression) and client FQDN (RFC 4702, without).
// Errors are RangeErrors with a message the caller prefixes with the option.

const MAX_WIRE_NAME = 255
const MAX_LABEL = 63

/** Splits text into labels; a trailing dot marks a fully qualified name. */
function labelsOf(name: string): {labels: string[]; absolute: boolean} {
  const absolute = name.endsWith('.')
  const body = absolute ? name.slice(0, -1) : name
  if (body.length === 0) throw new RangeError(`'${name}' is not a domain name`)
  const labels = body.split('.')
  let wireLength = 1
  for (const label of labels) {
    if (label.length === 0) throw new RangeError(`'${name}' has an empty label`)
    if (label.length > MAX_LABEL) throw new RangeError(`'${name}' has a label longer than ${MAX_LABEL} characters`)
    for (let i = 0; i < label.length; i++) {
      if (!isLabelChar(label.charCodeAt(i))) {
        throw new RangeError(`'${name}' has a character that is not a letter, digit, '-' or '_'`)
      }
    }
    wireLength += label.length + 1
  }
  if (wireLength > MAX_WIRE_NAME) throw new RangeError(`'${name}' is longer than ${MAX_WIRE_NAME} bytes as a DNS name`)
  return {labels, absolute}
}

function isLabelChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 /* - */ || c === 95 /* _ */
  )
}

/**
 * Encodes fully qualified names one after the other, replacing any suffix
 * already written with a pointer to it (RFC 1035 §4.1.4; offsets count from
 * the start of the option data, RFC 3397 §2). Suffixes match exactly, case
 * included, so names keep their spelling.
 */
export function encodeDomainList(names: readonly string[]): Buffer {
  const bytes: number[] = []
  const written = new Map<string, number>()
  for (const name of names) {
    const {labels} = labelsOf(name)
    let i = 0
    for (; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.')
      const at = written.get(suffix)
      if (at !== undefined) {
        bytes.push(0xc0 | (at >> 8), at & 0xff)
        break
      }
      // Pointers have 14 bits; later suffixes are just not shared.
      if (bytes.length < 0x4000) written.set(suffix, bytes.length)
      pushLabel(bytes, labels[i])
    }
    if (i === labels.length) bytes.push(0)
  }
  return Buffer.from(bytes)
}

function pushLabel(bytes: number[], label: string): void {
  bytes.push(label.length)
  for (let i = 0; i < label.length; i++) bytes.push(label.charCodeAt(i))
}

/** Decodes a sequence of compressed names (RFC 3397), without trailing dots. */
export function decodeDomainList(data: Buffer): string[] {
  const names: string[] = []
  let at = 0
  while (at < data.length) {
    const {name, next, absolute} = readName(data, at, true)
    if (!absolute) throw new RangeError('a name runs past the end of the option')
    if (name.length === 0) throw new RangeError('the list holds the root name')
    names.push(name)
    at = next
  }
  return names
}

/**
 * Wire form of one name without compression (RFC 4702 §2.3.1): with the root
 * label when the text ends with a dot, as a partial name when it does not.
 */
export function encodeDomainName(name: string): Buffer {
  const {labels, absolute} = labelsOf(name)
  const bytes: number[] = []
  for (const label of labels) pushLabel(bytes, label)
  if (absolute) bytes.push(0)
  return Buffer.from(bytes)
}

/** Inverse of encodeDomainName: a trailing dot marks a name that ended with the root label. */
export function decodeDomainName(data: Buffer): string {
  if (data.length === 0) return ''
  const {name, next, absolute} = readName(data, 0, false)
  if (next !== data.length) throw new RangeError('bytes follow the end of the name')
  return absolute ? `${name}.` : name
}

/**
 * Reads one name at `start`. `next` is where the following name begins.
 * Every pointer must lead before the start of the run of labels it ends, so
 * each jump goes strictly backwards and a hostile loop cannot spin.
 */
function readName(
  data: Buffer,
  start: number,
  allowPointers: boolean,
): {name: string; next: number; absolute: boolean} {
  let name = ''
  let at = start
  let runStart = start
  let next = -1
  let wireLength = 1
  for (;;) {
    if (at >= data.length) {
      if (allowPointers || next !== -1) throw new RangeError('a name runs past the end of the option')
      return {name, next: at, absolute: false}
    }
    const length = data[at]
    if (length === 0) {
      return {name, next: next === -1 ? at + 1 : next, absolute: true}
    }
    if ((length & 0xc0) === 0xc0) {
      if (!allowPointers) throw new RangeError('compression pointers are not allowed here')
      if (at + 1 >= data.length) throw new RangeError('a compression pointer is cut off')
      const target = ((length & 0x3f) << 8) | data[at + 1]
      if (target >= runStart) throw new RangeError('a compression pointer does not point backwards')
      if (next === -1) next = at + 2
      at = target
      runStart = target
      continue
    }
    if (length > MAX_LABEL) throw new RangeError(`label length byte 0x${length.toString(16)} is not valid`)
    if (at + 1 + length > data.length) throw new RangeError('a label runs past the end of the option')
    wireLength += length + 1
    if (wireLength > MAX_WIRE_NAME) throw new RangeError(`a name is longer than ${MAX_WIRE_NAME} bytes`)
    for (let i = at + 1; i <= at + length; i++) {
      if (!isLabelChar(data[i])) throw new RangeError('a label has a character that is not a letter, digit, \'-\' or \'_\'')
    }
    const label = data.toString('latin1', at + 1, at + 1 + length)
    name = name.length === 0 ? label : `${name}.${label}`
    at += 1 + length
  }
}
