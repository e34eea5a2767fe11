// Builds a large lease state without DHCP traffic: N active leases written
// straight into each server's own lease file format, so loading them is what
// gets measured (driving 1 million DORAs through perfdhcp would take minutes
// per server and measure the same thing less precisely).
import {closeSync, openSync, writeSync} from 'node:fs'

const CHUNK = 20_000

function ip4Text(value) {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`
}

/** 02:10:xx:xx:xx:xx, locally administered and disjoint from perfdhcp's 00:0c:01:... */
function macBytes(i) {
  return [0x02, 0x10, (i >>> 24) & 255, (i >>> 16) & 255, (i >>> 8) & 255, i & 255]
}

const hex2 = (byte) => byte.toString(16).padStart(2, '0')

function fnv1a(text) {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

function writeLines(path, header, count, lineOf) {
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, header)
    for (let from = 0; from < count; from += CHUNK) {
      const lines = []
      for (let i = from; i < Math.min(count, from + CHUNK); i++) lines.push(lineOf(i))
      writeSync(fd, lines.join(''))
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * Leases i = 0..count-1 on addresses first+i, client key id:01<mac> (what most
 * clients send as option 61), expiring `validFor` seconds from now.
 */
export function writeSrvctlLeases(path, {count, first, scopeName, leaseTime, validFor, now}) {
  const start = now - (leaseTime - validFor)
  writeLines(path, `#srvctl-leases v1 written=${now}\n`, count, (i) => {
    const mac = macBytes(i).map(hex2)
    const body = `L\t${ip4Text(first + i)}\tactive\t${start}\t${now + validFor}\tid:01${mac.join('')}\t${mac.join(':')}\t\t${scopeName}`
    return `${body}\t${fnv1a(body).toString(16).padStart(8, '0')}\n`
  })
}

/** The same leases in Kea 2.2's memfile CSV (lease4.csv) format. */
export function writeKeaLeases(path, {count, first, subnetId, leaseTime, validFor, now}) {
  const header = 'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n'
  writeLines(path, header, count, (i) => {
    const mac = macBytes(i).map(hex2).join(':')
    return `${ip4Text(first + i)},${mac},01:${mac},${leaseTime},${now + validFor},${subnetId},0,0,,0,\n`
  })
}
