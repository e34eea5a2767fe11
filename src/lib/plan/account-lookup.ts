import {readFileSync} from 'node:fs'
import {join} from 'node:path'

// Owners in a plan are names; the numeric ids come from the target tree's own
// passwd/group files (not the host's), which is what matters with --root.

function readIds(file: string): Map<string, number> {
  const ids = new Map<string, number>()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return ids
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':')
    if (fields.length >= 3 && /^\d+$/.test(fields[2])) ids.set(fields[0], Number(fields[2]))
  }
  return ids
}

export class AccountLookup {
  private readonly users: Map<string, number>
  private readonly groups: Map<string, number>

  constructor(root: string) {
    this.users = readIds(join(root, 'etc/passwd'))
    this.groups = readIds(join(root, 'etc/group'))
  }

  uid(name: string): number | undefined {
    return name === 'root' ? 0 : this.users.get(name)
  }

  gid(name: string): number | undefined {
    return name === 'root' ? 0 : this.groups.get(name)
  }
}
