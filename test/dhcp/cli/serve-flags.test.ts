import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import DhcpServe from '../../../src/commands/dhcp/serve.js'
import {parseServeFlags, SERVE_FLAGS} from '../../../src/dhcp/cli/serve-flags.js'
import {UserError} from '../../../src/lib/errors.js'
import {runCli} from '../../helpers/run-cli.js'

describe('dhcp serve flags without oclif', () => {
  it('gives the defaults of the oclif command when no flag is set', () => {
    assert.deepEqual(parseServeFlags([]), {config: '/etc/srvctl/dhcp4.yaml', port: 67, 'relay-only': false, quiet: false})
  })

  it('reads repeated, short, --name=value and integer flags', () => {
    const flags = parseServeFlags(['-i', 'eth1', '--interface=eth2', '--range', '198.18.5.10-198.18.5.20', '--prefix', '16', '-q', '--port=1067', '--rate-limit-tracked', '500'])
    assert.deepEqual(flags.interface, ['eth1', 'eth2'])
    assert.deepEqual(flags.range, ['198.18.5.10-198.18.5.20'])
    assert.equal(flags.prefix, 16)
    assert.equal(flags.port, 1067)
    assert.equal(flags.quiet, true)
    assert.equal(flags['rate-limit-tracked'], 500)
  })

  it('rejects unknown flags, stray arguments, non-integers and out-of-range integers as user errors', () => {
    for (const argv of [['--bogus'], ['extra'], ['--prefix', '16.5'], ['--prefix', 'x'], ['--prefix', '33'], ['--port', '0'], ['--range']]) {
      assert.throws(() => parseServeFlags(argv), UserError, argv.join(' '))
    }
  })

  it('declares exactly the flags the oclif command shows in --help', () => {
    assert.deepEqual(Object.keys(DhcpServe.flags).sort(), Object.keys(SERVE_FLAGS).sort())
    for (const [name, spec] of Object.entries(SERVE_FLAGS)) {
      const flag = DhcpServe.flags[name]
      assert.equal(flag.summary, spec.summary, name)
      assert.equal(flag.type === 'boolean' ? 'boolean' : 'multiple' in spec ? 'multiple' : 'option', spec.kind === 'boolean' ? 'boolean' : 'multiple' in spec ? 'multiple' : 'option', name)
    }
  })

  it('starts without oclif from bin/run.js and reports a bad flag in one Error line and one Hint line, exit 2', async () => {
    const result = await runCli(['dhcp', 'serve', '--port', 'seventy'])
    assert.equal(result.exitCode, 2)
    assert.deepEqual(result.stderr.trim().split('\n'), ['Error: --port seventy is not an integer', 'Hint: see `srvctl dhcp serve --help`'])
  })
})
