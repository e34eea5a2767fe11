// The real `srvctl dhcp serve --relay-only` in a network namespace, flooded
// with DISCOVERs from 100 000 different MACs through one relay address while
// 20 clients behind another relay keep renewing: every renewal must be
// answered, the flood must be counted as rate-limited and warned about once.
// Both relays are addresses on the namespace's loopback; nothing leaves it.

import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {stringify} from 'yaml'

import {Lab, type Namespace, netnsSupported, OutputWatcher, waitExit} from '../../helpers/netns.js'
import {repoRoot} from '../../helpers/repo-root.js'
import {eventually, type ServeProcess, startServe, tempDir} from './serve-fixture.js'

const skip = netnsSupported() ? false : 'needs root and ip netns'
const GENERATOR = join(repoRoot, 'dist', 'test', 'commands', 'dhcp', 'serve-flood-generator.js')
const SERVER = '198.18.60.2'
const FLOOD_RELAY = '198.18.64.1'
const RENEW_RELAY = '198.18.61.1'
const RENEWING_CLIENTS = 20
const FLOOD = 100_000

describe('srvctl dhcp serve under a DISCOVER flood from new MACs', {skip, timeout: 120_000}, () => {
  const lab = new Lab('drate')
  const temp = tempDir('dhcp-rate')
  let ns: Namespace
  let serve: ServeProcess

  before(async () => {
    ns = lab.namespace('ns')
    for (const address of [SERVER, FLOOD_RELAY, RENEW_RELAY]) ns.addAddress('lo', `${address}/32`)
    const configFile = join(temp.path, 'dhcp4.yaml')
    writeFileSync(
      configFile,
      stringify({
        dhcp: {
          leaseFile: join(temp.path, 'dhcp4.leases'),
          warningInterval: '60s',
          scopes: [
            {name: 'renewers', subnet: '198.18.61.0/24', ranges: ['198.18.61.100-198.18.61.199'], leaseTime: '1h'},
            {name: 'flooded', subnet: '198.18.64.0/18', ranges: ['198.18.65.1-198.18.127.254'], leaseTime: '1h'},
          ],
        },
      }),
    )
    // A new-client budget the flood is sure to exceed however slowly this machine sends it.
    serve = await startServe(['--config', configFile, '--relay-only', '--listen', SERVER, '--rate-limit-new-clients', '200/1s', '--quiet'], ns)
  })

  after(async () => {
    const code = await serve?.stop('SIGTERM')
    await lab.cleanup()
    temp.remove()
    assert.equal(code, 0)
  })

  const spawnGenerator = (args: string[]): {output: OutputWatcher; done: Promise<number | null>; stop: () => Promise<void>} => {
    const child = ns.spawn([process.execPath, GENERATOR, ...args])
    const output = new OutputWatcher(child)
    return {
      output,
      done: waitExit(child, 60_000),
      stop: async () => {
        child.kill('SIGTERM')
        await waitExit(child, 5000)
      },
    }
  }

  it('answers every renewal of clients holding a lease while 100 000 new MACs flood it, and counts the flood as rate-limited', async (t) => {
    const renewer = spawnGenerator(['renew', '--bind', RENEW_RELAY, '--server', SERVER, '--port', '67', '--clients', String(RENEWING_CLIENTS), '--interval', '1000'])
    await renewer.output.waitFor(/^READY$/m, 20_000)

    const flood = spawnGenerator(['flood', '--bind', FLOOD_RELAY, '--server', SERVER, '--port', '67', '--count', String(FLOOD), '--rate', '20000', '--seconds', '20'])
    const renewedBefore = (renewer.output.text.match(/^RENEWED /gm) ?? []).length
    await flood.done
    const sent = Number(/^SENT (\d+)$/m.exec(flood.output.text)?.[1])
    const renewedDuring = (renewer.output.text.match(/^RENEWED /gm) ?? []).length - renewedBefore
    await renewer.stop()

    const summary = /^DONE renewed=(\d+) lost=(\d+) nak=(\d+)$/m.exec(renewer.output.text)
    assert.ok(summary, `the renewing clients reported:\n${renewer.output.text.slice(-2000)}`)
    assert.equal(Number(summary[2]), 0, `no renewal went unanswered after 6 tries:\n${renewer.output.text.match(/^LOST .*$/gm)?.join('\n')}`)
    assert.equal(Number(summary[3]), 0, 'no renewal was refused')
    assert.ok(sent > 10_000, `the flood was sent (${sent} DISCOVERs)`)
    assert.ok(renewedDuring >= RENEWING_CLIENTS, `clients renewed while the flood ran (${renewedDuring} renewals)`)
    for (const match of renewer.output.text.matchAll(/^RENEWED (\d+) (\S+) \d+$/gm)) {
      const bound = new RegExp(`^BOUND ${match[1]} (\\S+)$`, 'm').exec(renewer.output.text)
      assert.equal(match[2], bound?.[1], `client ${match[1]} renewed the address it was given`)
    }

    serve.child.kill('SIGUSR1')
    const stats = await eventually('the server to log its counters', () => {
      const line = /stats: (\{.*\})$/m.exec(serve.output.text)
      return line === null ? undefined : (JSON.parse(line[1]) as {dropped: Record<string, number>; received: Record<string, number>; rateTrackedClients: number})
    })
    const retried = [...renewer.output.text.matchAll(/^RENEWED \d+ \S+ (\d+)$/gm)].filter((match) => Number(match[1]) > 1).length
    t.diagnostic(`flood ${sent} DISCOVERs; ${renewedDuring} renewals during it, ${retried} needing a retransmission; dropped ${JSON.stringify(stats.dropped)}`)
    assert.ok(stats.dropped.rateLimitedNewClient > sent / 2, `most of the flood was dropped by the new-client budget: ${JSON.stringify(stats.dropped)}`)
    assert.equal(stats.dropped.rateLimitedClient, 0, 'no renewing client went over its own rate')
    const warnings = serve.output.text.match(/warning: rate limit: dropped \d+ packets?: .*rateLimit\.newClients \(200 per 1 s\)/g) ?? []
    assert.equal(warnings.length, 1, `one warning for the whole flood (interval 60 s):\n${serve.output.text.slice(-2000)}`)
  })
})
