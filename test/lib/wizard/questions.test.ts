import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {type Asker, askQuestions} from '../../../src/lib/wizard/questions.js'
import {dnsQuestions} from '../../../src/services/dns/dns-questions.js'

/** Answers in order; an answer the question rejects is recorded and the next one is tried. */
function scripted(answers: string[]): Asker & {rejected: string[]} {
  const rejected: string[] = []
  return {
    rejected,
    async text(_message, options) {
      for (;;) {
        const answer = answers.shift() ?? ''
        const text = answer === '' && options.default ? options.default : answer
        const problem = options.validate?.(text)
        if (!problem) return text
        rejected.push(problem)
      }
    },
    async confirm() {
      return answers.shift() === 'y'
    },
  }
}

describe('wizard questions', () => {
  it('turns DNS answers into settings, lists split on ";"', async () => {
    const asker = scripted(['example.test', '198.18.0.53', 'www A 198.18.0.80; @ MX 10 mail', '', '198.18.0.0/15'])
    const settings = await askQuestions(asker, dnsQuestions({}))
    assert.deepEqual(settings, {domain: 'example.test', serverIp: '198.18.0.53', records: ['www A 198.18.0.80', '@ MX 10 mail'], allowRecursion: ['198.18.0.0/15']})
  })

  it('re-asks when an answer is invalid and keeps the reason', async () => {
    const asker = scripted(['exa mple', 'example.test', '198.18.0.256', '198.18.0.53', 'www A nope', '', '', ''])
    const settings = await askQuestions(asker, dnsQuestions({}))
    assert.equal(settings.domain, 'example.test')
    assert.equal(asker.rejected.length, 3)
    assert.match(asker.rejected[1], /is not an IPv4 address/)
    assert.match(asker.rejected[2], /record 'www A nope'/)
  })

  it('offers saved settings as defaults', async () => {
    const asker = scripted(['', '', '', '', ''])
    const settings = await askQuestions(asker, dnsQuestions({domain: 'saved.test', serverIp: '198.18.0.9', records: ['www A 198.18.0.10']}))
    assert.deepEqual(settings, {domain: 'saved.test', serverIp: '198.18.0.9', records: ['www A 198.18.0.10']})
  })
})
