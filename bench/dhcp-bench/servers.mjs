// The four DHCPv4 servers under test, each given the same scope: one relayed
// subnet, one pool, one lease time, a router option, and a lease file on disk
// kept the way that server normally keeps it (srvctl: append log + fdatasync
// per group commit; Kea: memfile CSV, appended, no fsync; dhcpd: fsync per
// lease; dnsmasq: rewrites its lease file).
import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {startIn} from './children.mjs'
import {RELAY_ADDRESS, SERVER_ADDRESS} from './netns.mjs'

export const SERVER_NAMES = ['srvctl', 'kea', 'dhcpd', 'dnsmasq']

/** The relayed subnet every throughput step serves: giaddr 198.19.0.1 lies inside. */
export const RELAYED_SCOPE = {network: '198.19.0.0', prefix: 16, poolStart: '198.19.0.10', poolEnd: '198.19.255.250', leaseTime: 3600, router: RELAY_ADDRESS}

export function netmaskOf(prefix) {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join('.')
}

/** First non-empty line the command prints on stdout or stderr (dhcpd --version uses stderr). */
function firstLine(command, args) {
  let out
  try {
    const result = execFileSync(command, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
    out = result
  } catch (error) {
    out = `${error.stdout ?? ''}\n${error.stderr ?? ''}`
  }
  return out.split('\n').map((line) => line.trim()).find(Boolean) ?? 'unknown'
}

/**
 * @typedef {{network: string, prefix: number, poolStart: string, poolEnd: string, leaseTime: number, router: string}} Scope
 * @typedef {{ns: string, serverIf: string, dir: string, cpu: number|undefined, srvctl: {root: string, rateLimitFlags: boolean}, nodeFlags?: string[]}} StartContext
 */

const srvctl = {
  name: 'srvctl',
  leaseFile: (dir) => join(dir, 'srvctl.leases'),
  version: (repo, build) => {
    const pkg = firstLine('node', ['-p', `require(${JSON.stringify(join(repo, 'package.json'))}).version`])
    const commit = firstLine('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'])
    const dirty = firstLine('sh', ['-c', `git -C '${repo}' status --porcelain -- src | head -1`]) === 'unknown' ? '' : '+uncommitted src changes'
    return `srvctl ${pkg} (${commit}${dirty}, dist built ${build?.builtAt ?? '?'}, node ${process.version})`
  },
  start(ctx, scope) {
    const args = [
      ...(ctx.nodeFlags ?? []),
      join(ctx.srvctl.root, 'bin', 'run.js'), 'dhcp', 'serve',
      '--listen', SERVER_ADDRESS,
      '--range', `${scope.poolStart}-${scope.poolEnd}`,
      '--prefix', String(scope.prefix),
      '--lease-time', String(scope.leaseTime),
      '--router', scope.router,
      '--lease-file', this.leaseFile(ctx.dir),
      '--quiet',
      ...(ctx.srvctl.rateLimitFlags ? ['--rate-limit-client', 'off', '--rate-limit-new-clients', 'off'] : []),
    ]
    return startIn(ctx.ns, ctx.cpu, 'node', args, {logFile: join(ctx.dir, 'srvctl.log')})
  },
}

const kea = {
  name: 'kea',
  leaseFile: (dir) => join(dir, 'kea-leases4.csv'),
  version: () => `kea-dhcp4 ${firstLine('kea-dhcp4', ['-v'])}`,
  start(ctx, scope) {
    const config = {
      Dhcp4: {
        'interfaces-config': {interfaces: [`${ctx.serverIf}/${SERVER_ADDRESS}`], 'dhcp-socket-type': 'udp'},
        'lease-database': {type: 'memfile', name: this.leaseFile(ctx.dir), persist: true},
        'valid-lifetime': scope.leaseTime,
        subnet4: [{id: 1, subnet: `${scope.network}/${scope.prefix}`, pools: [{pool: `${scope.poolStart} - ${scope.poolEnd}`}], 'option-data': [{name: 'routers', data: scope.router}]}],
        loggers: [{name: 'kea-dhcp4', output_options: [{output: 'stdout'}], severity: 'WARN'}],
      },
    }
    const file = join(ctx.dir, 'kea-dhcp4.json')
    writeFileSync(file, JSON.stringify(config, null, 2))
    return startIn(ctx.ns, ctx.cpu, 'kea-dhcp4', ['-c', file], {logFile: join(ctx.dir, 'kea.log'), env: {KEA_PIDFILE_DIR: ctx.dir, KEA_LOCKFILE_DIR: ctx.dir}})
  },
}

const dhcpd = {
  name: 'dhcpd',
  leaseFile: (dir) => join(dir, 'dhcpd.leases'),
  version: () => firstLine('sh', ['-c', 'dhcpd --version 2>&1']),
  start(ctx, scope) {
    // ping-check off: the others do not probe an address before offering it.
    const conf = [
      'authoritative;',
      'ping-check false;',
      `default-lease-time ${scope.leaseTime};`,
      `max-lease-time ${scope.leaseTime};`,
      // dhcpd wants a declaration for the subnet of the interface it listens on.
      `subnet 198.18.100.0 netmask 255.255.255.0 { }`,
      `subnet ${scope.network} netmask ${netmaskOf(scope.prefix)} {`,
      `  range ${scope.poolStart} ${scope.poolEnd};`,
      `  option routers ${scope.router};`,
      '}',
      '',
    ].join('\n')
    const file = join(ctx.dir, 'dhcpd.conf')
    writeFileSync(file, conf)
    const leases = this.leaseFile(ctx.dir)
    writeFileSync(leases, '', {flag: 'a'})
    return startIn(ctx.ns, ctx.cpu, 'dhcpd', ['-f', '-d', '-cf', file, '-lf', leases, '-pf', join(ctx.dir, 'dhcpd.pid'), ctx.serverIf], {logFile: join(ctx.dir, 'dhcpd.log')})
  },
}

const dnsmasq = {
  name: 'dnsmasq',
  leaseFile: (dir) => join(dir, 'dnsmasq.leases'),
  version: () => firstLine('dnsmasq', ['-v']).replace(/\s+Copyright.*/, ''),
  start(ctx, scope) {
    const args = [
      '-d', '-k', '--conf-file=/dev/null', '--port=0', // DHCP only, no DNS
      `--pid-file=${join(ctx.dir, 'dnsmasq.pid')}`,
      `--interface=${ctx.serverIf}`, '--bind-interfaces',
      '--dhcp-authoritative',
      '--no-ping', // like ping-check false for dhcpd
      `--dhcp-range=${scope.poolStart},${scope.poolEnd},${netmaskOf(scope.prefix)},${scope.leaseTime}`,
      `--dhcp-option=option:router,${scope.router}`,
      `--dhcp-leasefile=${this.leaseFile(ctx.dir)}`,
      '--dhcp-lease-max=2000000', // the default 1000 would cap the 10 000 clients
      '--quiet-dhcp',
    ]
    return startIn(ctx.ns, ctx.cpu, 'dnsmasq', args, {logFile: join(ctx.dir, 'dnsmasq.log')})
  },
}

export const SERVERS = {srvctl, kea, dhcpd, dnsmasq}

export function perfdhcpVersion() {
  return `perfdhcp ${firstLine('perfdhcp', ['-v'])}`
}
