import type {ChalkInstance} from 'chalk'

import type {ApplyReport} from './apply-plan.js'

function colourDiff(diff: string, style: ChalkInstance): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return style.bold(line)
      if (line.startsWith('+')) return style.green(line)
      if (line.startsWith('-')) return style.red(line)
      if (line.startsWith('@@')) return style.cyan(line)
      return line
    })
    .join('\n')
}

/** The human form of a plan or a finished run. */
export function formatReport(report: ApplyReport, style: ChalkInstance, withDiffs: boolean): string {
  const lines: string[] = []
  const verb = report.status === 'planned' ? 'Plan' : report.status === 'applied' ? 'Applied' : 'No changes'
  const where = report.mode === 'root' ? ' (--root: files only)' : report.mode === 'dry-run' ? ' (dry run: nothing written)' : ''
  lines.push(style.bold(`${verb}: ${report.services.join(', ')} on ${report.distro}${where}${report.run ? `, run ${report.run}` : ''}`))
  const changed = report.files.filter((f) => f.status !== 'unchanged')
  lines.push(`  files: ${changed.length} to change, ${report.files.length - changed.length} unchanged`)
  for (const f of changed) lines.push(`    ${f.status.padEnd(8)} ${f.path}${f.handEdited ? style.yellow('  (edited by hand)') : ''}`)
  if (report.packages.missing.length > 0) lines.push(`  packages to install: ${report.packages.missing.join(' ')}`)
  if (report.packages.installed.length > 0) lines.push(`  packages installed: ${report.packages.installed.join(' ')}`)
  for (const u of report.units) lines.push(`  unit ${u.name}: ${u.action}${u.done ? ' (done)' : ''}${report.mode !== 'live' ? ` -> ${u.commands.join('; ')}` : ''}`)
  for (const c of report.commands) lines.push(`  run: ${c.description}${c.done ? ' (done)' : ` -> ${c.command}`}`)
  for (const c of report.checks) lines.push(`  check ${c.status}: ${c.description}${c.detail ? ` (${c.detail})` : ''}`)
  for (const c of report.postChecks) lines.push(`  verify ${c.status}: ${c.description}`)
  for (const n of report.notes) lines.push(`  note: ${n}`)
  if (withDiffs && report.diffs.length > 0) {
    lines.push('')
    for (const d of report.diffs) lines.push(colourDiff(d.trimEnd(), style))
  }
  return lines.join('\n')
}
