import type {AccountTable} from './account-table.js'

// What useradd accepts on Debian and RHEL (letters, digits, _ . -, not
// starting with - or ., not all digits); a trailing $ marks Samba machine accounts.
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,30}\$?$/
const ID = /^\d{1,10}$/
const MAX_ID = 4_294_967_294

export function accountNameProblem(name: string): string | undefined {
  if (!NAME.test(name) || /^\d+$/.test(name)) return `'${name}' is not a valid account name`
  return undefined
}

export function idProblem(value: string): string | undefined {
  if (!ID.test(value) || Number(value) > MAX_ID) return `'${value}' is not a valid id`
  return undefined
}

/** An absolute path without "..", as a home directory must be before srvctl creates it. */
export function homeProblem(home: string): string | undefined {
  if (!home.startsWith('/') || home.split('/').includes('..') || /[\s\\]/.test(home)) return `home '${home}' is not a plain absolute path`
  return undefined
}

/**
 * Shape problems of a file srvctl reads from the main server: wrong field
 * count or a non-numeric id, with the line number. Fields named in `idFields`
 * must be ids.
 */
export function shapeProblems(table: AccountTable, idFields: number[]): string[] {
  const problems = table.malformed().map((l) => `${table.label} line ${l.lineNo}: expected ${table.width} fields, found ${l.fields?.length}`)
  for (const line of table.lines) {
    if (!line.fields || line.fields.length !== table.width) continue
    for (const i of idFields) {
      const problem = idProblem(line.fields[i])
      if (problem) problems.push(`${table.label} line ${line.lineNo}: ${problem}`)
    }
  }
  return problems
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const v of values) (seen.has(v) ? twice : seen).add(v)
  return [...twice]
}

/**
 * What pwck and grpck do not check: names and ids used twice, and a uid 0
 * account other than root. One line per problem.
 */
export function consistencyProblems(files: {passwd: AccountTable; shadow: AccountTable; group: AccountTable; gshadow?: AccountTable}): string[] {
  const problems: string[] = []
  const users = files.passwd.entries()
  const groups = files.group.entries()
  for (const name of duplicates(users.map((u) => u[0]))) problems.push(`user name ${name} is used twice in /etc/passwd`)
  for (const uid of duplicates(users.map((u) => u[2]))) {
    problems.push(`uid ${uid} is used by ${users.filter((u) => u[2] === uid).map((u) => u[0]).join(' and ')}`)
  }
  for (const user of users) if (user[2] === '0' && user[0] !== 'root') problems.push(`${user[0]} has uid 0 (only root may)`)
  for (const name of duplicates(groups.map((g) => g[0]))) problems.push(`group name ${name} is used twice in /etc/group`)
  for (const gid of duplicates(groups.map((g) => g[2]))) {
    problems.push(`gid ${gid} is used by ${groups.filter((g) => g[2] === gid).map((g) => g[0]).join(' and ')}`)
  }
  for (const name of duplicates(files.shadow.entries().map((s) => s[0]))) problems.push(`${name} has two entries in /etc/shadow`)
  for (const name of duplicates(files.gshadow?.entries().map((s) => s[0]) ?? [])) problems.push(`${name} has two entries in /etc/gshadow`)
  return problems
}
