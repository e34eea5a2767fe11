// The --rate-limit-* and --warning-interval flags of `srvctl dhcp serve`,
// laid over the scope from flags or over the configuration file's settings.

import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {stringify} from 'yaml'

import {serveConfig, type ServeConfigFlags} from '../../../src/commands/dhcp/serve.js'
import {UserError} from '../../../src/lib/errors.js'
import {tempDir} from './serve-fixture.js'

const fromFlags = (extra: Partial<ServeConfigFlags>): ServeConfigFlags => ({config: '/nonexistent', range: ['198.18.5.10-198.18.5.20'], ...extra})

describe('srvctl dhcp serve rate limit flags', () => {
  const temp = tempDir('dhcp-rate-flags')
  after(() => temp.remove())

  it('set the per-client and new-client rates, the table size and the warning interval', () => {
    const config = serveConfig(fromFlags({'rate-limit-client': '5/2s', 'rate-limit-new-clients': '100/1s', 'rate-limit-tracked': 500, 'warning-interval': '5m'}))
    assert.deepEqual(config.rateLimit, {perClient: {packets: 5, perSeconds: 2}, newClients: {packets: 100, perSeconds: 1}, trackedClients: 500})
    assert.equal(config.warningInterval, 300)
  })

  it('turn a limit off with "off" and leave the others at their defaults', () => {
    const config = serveConfig(fromFlags({'rate-limit-new-clients': 'off'}))
    assert.deepEqual(config.rateLimit, {perClient: {packets: 20, perSeconds: 10}, newClients: false, trackedClients: 65_536})
  })

  it('override only the file settings they name', () => {
    const file = join(temp.path, 'dhcp4.yaml')
    const scopes = [{name: 'a', subnet: '198.18.5.0/24', ranges: ['198.18.5.10-198.18.5.20']}]
    writeFileSync(file, stringify({dhcp: {warningInterval: '2m', rateLimit: {perClient: '3/1s', trackedClients: 100}, scopes}}))
    const config = serveConfig({config: file, 'rate-limit-new-clients': '9/3s'})
    assert.deepEqual(config.rateLimit, {perClient: {packets: 3, perSeconds: 1}, newClients: {packets: 9, perSeconds: 3}, trackedClients: 100})
    assert.equal(config.warningInterval, 120)
    writeFileSync(file, stringify({dhcp: {rateLimit: false, scopes}}))
    assert.deepEqual(serveConfig({config: file, 'rate-limit-client': '4/4s'}).rateLimit, {perClient: {packets: 4, perSeconds: 4}, newClients: false, trackedClients: 65_536})
  })

  it('reject a bad rate with the field, and a hint naming the rate flags', () => {
    assert.throws(
      () => serveConfig(fromFlags({'rate-limit-client': 'lots'})),
      (error: unknown) => error instanceof UserError && /rateLimit\.perClient "lots" must be written PACKETS\/DURATION/.test(error.message) && /--rate-limit-client/.test(error.hint ?? ''),
    )
  })
})
