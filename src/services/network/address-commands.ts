import type {PlannedCommand} from '../../lib/plan/plan-types.js'
import {renderTemplate} from '../../lib/templates/render-template.js'

// Live address changes as plan data: argv only (values are validated before
// they get here and are passed as arguments, never spliced into shell text).

/**
 * The kernel deletes an interface's secondary addresses (its aliases) along
 * with the primary unless promote_secondaries is set; it is 0 in fresh network
 * namespaces and on systems without systemd's sysctl defaults.
 */
export function promoteSecondaries(runWhen: string[]): PlannedCommand {
  return {
    description: 'Keep the other addresses when one is removed (net.ipv4.conf.all.promote_secondaries=1)',
    argv: ['sysctl', '-q', '-w', 'net.ipv4.conf.all.promote_secondaries=1'],
    runWhen,
  }
}

/**
 * A script as one line without its comments, the way plans and reports show
 * commands. Lines that end inside a construct (a pipe, `do`, `then`) join
 * with a space, the others with `;`.
 */
export function oneLine(script: string): string {
  const lines = script
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  return lines.map((line, i) => (i === lines.length - 1 || /(\||\bdo|\bthen|\belse)$/.test(line) ? line : `${line};`)).join(' ')
}

let script: string | undefined

function removalScript(): string {
  script ??= oneLine(renderTemplate('network/remove-other-addresses.sh', {}))
  return script
}

/** Deletes the addresses of `dev` whose label matches `pattern`, except `keep` ("CIDR LABEL" each). */
export function removeOtherAddresses(description: string, dev: string, pattern: string, keep: string[], runWhen: string[]): PlannedCommand {
  return {
    description,
    argv: ['sh', '-c', removalScript(), 'sh', dev, pattern, ...keep],
    runWhen,
  }
}

/** `ip -o addr show dev X to A/32` prints a line iff X carries A. */
export function hasAddressProbe(dev: string, address: string, label?: string): string[] {
  const filter = label ? ` label "$3"` : ''
  return ['sh', '-c', `ip -4 -o addr show dev "$1" to "$2/32"${filter} | grep -q .`, 'sh', dev, address, ...(label ? [label] : [])]
}
