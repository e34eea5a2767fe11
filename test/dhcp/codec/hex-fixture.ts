import {readFileSync} from 'node:fs'

import {fixturePath} from '../../helpers/repo-root.js'

/**
 * Reads a golden packet from test/fixtures/dhcp/codec (format in the README
 * there): hex bytes, `NN*K` repeats, 'ascii text', `#` comments.
 */
export function readHexFixture(name: string): Buffer {
  return parseHexFixture(readFileSync(fixturePath('dhcp', 'codec', name), 'utf8'))
}

export function parseHexFixture(text: string): Buffer {
  const bytes: number[] = []
  for (const rawLine of text.split('\n')) {
    // Quoted text never holds '#', so the first '#' outside quotes starts the comment.
    const line = stripComment(rawLine)
    for (const token of line.match(/'[^']*'|\S+/g) ?? []) {
      if (token.startsWith("'")) {
        for (const ch of token.slice(1, -1)) bytes.push(ch.charCodeAt(0))
        continue
      }
      const repeat = /^([0-9a-f]{2})\*(\d+)$/i.exec(token)
      if (repeat) {
        for (let i = 0; i < Number(repeat[2]); i++) bytes.push(parseInt(repeat[1], 16))
        continue
      }
      if (!/^[0-9a-f]{2}$/i.test(token)) throw new Error(`bad fixture token '${token}' in line: ${rawLine}`)
      bytes.push(parseInt(token, 16))
    }
  }
  return Buffer.from(bytes)
}

function stripComment(line: string): string {
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "'") quoted = !quoted
    else if (line[i] === '#' && !quoted) return line.slice(0, i)
  }
  return line
}
