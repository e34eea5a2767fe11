import {join} from 'node:path/posix'

import type {DistroProfile} from '../../lib/distro/profile.js'
import {type Plan, type UnitSpec, emptyPlan} from '../../lib/plan/plan-types.js'
import {renderTemplate} from '../../lib/templates/render-template.js'
import {DNS_LAYOUTS} from './dns-layout.js'
import {type DnsSettings, type ZoneModel, buildZones, nameserverFqdn} from './dns-settings.js'
import {SERIAL_TOKEN, withSerial} from './zone-serial.js'

function relativeName(fqdn: string, zone: string): string {
  if (fqdn === zone) return '@'
  return fqdn.slice(0, -(zone.length + 1))
}

/** `a; b;` as named.conf address lists want it ('' for none). */
function aclList(items: string[]): string {
  return [...new Set(items)].map((i) => `${i};`).join(' ')
}

function zoneFileName(zone: ZoneModel): string {
  return `db.${zone.name.slice(0, -1)}`
}

export function dnsUnits(profile: DistroProfile): UnitSpec[] {
  const layout = DNS_LAYOUTS[profile.id]
  return [{name: layout.unit, sysvName: layout.sysvName, directStart: layout.directStart, restartOn: []}]
}

export function planDns(settings: DnsSettings, profile: DistroProfile): Plan {
  const layout = DNS_LAYOUTS[profile.id]
  const plan = emptyPlan('dns', profile.id)
  const zones = buildZones(settings)
  const ns = nameserverFqdn(settings)
  const hostmaster = `hostmaster.${settings.domain.toLowerCase()}.`

  plan.packages = layout.packages
  plan.directories.push({path: layout.zoneDir, mode: 0o755, owner: 'root', group: layout.group})

  const options = renderTemplate(layout.optionsTemplate, {
    workDir: layout.workDir,
    listenOn: aclList(['127.0.0.1', settings.serverIp]),
    recursion: settings.allowRecursion.length > 0,
    allowRecursion: aclList([...settings.allowRecursion, 'localhost']),
    forwarders: aclList(settings.forwarders),
    zonesConf: layout.zonesConf,
  })
  const zoneFiles = zones.map((zone) => ({zone, path: join(layout.zoneDir, zoneFileName(zone))}))
  const zonesConf = renderTemplate('dns/zones.conf', {
    zones: zoneFiles.map(({zone, path}) => ({name: zone.name.slice(0, -1), file: path})),
  })
  const configFiles = [layout.optionsFile, layout.zonesConf]
  plan.files.push(
    {path: layout.optionsFile, content: options, mode: 0o644, owner: 'root', group: layout.group},
    {path: layout.zonesConf, content: zonesConf, mode: 0o644, owner: 'root', group: layout.group},
  )
  for (const {zone, path} of zoneFiles) {
    const rendered = renderTemplate('dns/zone.db', {
      zone: zone.name,
      ttl: settings.ttl,
      nameserver: ns,
      hostmaster,
      serial: SERIAL_TOKEN,
      records: zone.records.map((r) => ({name: relativeName(r.fqdn, zone.name), type: r.type, data: r.data})),
    })
    plan.files.push({
      path,
      content: rendered.replace(SERIAL_TOKEN, '1'),
      mode: 0o644,
      owner: 'root',
      group: layout.group,
      finalize: (current) => withSerial(rendered, current),
    })
    plan.checks.push({
      description: `named-checkzone ${zone.name.slice(0, -1)}`,
      argv: ['named-checkzone', '-q', zone.name, `{stage}${path}`],
      stageTrees: [],
    })
    configFiles.push(path)
  }
  plan.checks.unshift({
    description: 'named-checkconf -z',
    argv: ['named-checkconf', '-z', '-t', '{stage}', layout.mainConf],
    stageTrees: layout.stageTrees,
    stageDirs: [layout.workDir],
  })
  plan.units.push({...dnsUnits(profile)[0], restartOn: configFiles})
  const firstA = zones[0].records.find((r) => r.type === 'A')
  plan.postChecks.push({
    kind: 'dns',
    description: `named answers for ${settings.domain}`,
    server: '127.0.0.1',
    port: 53,
    name: settings.domain,
    type: 'SOA',
  })
  if (firstA) {
    plan.postChecks.push({kind: 'dns', description: `${firstA.fqdn} resolves`, server: '127.0.0.1', port: 53, name: firstA.fqdn.slice(0, -1), type: 'A'})
  }
  return plan
}
