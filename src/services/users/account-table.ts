/**
 * One of the colon-separated account files (passwd, shadow, group, gshadow)
 * as lines. Lines that are not entries (comments, NIS "+" lines, blanks) are
 * kept verbatim, so a merge changes only the lines it means to change.
 */
export interface TableLine {
  /** The fields of an entry, or undefined for a line kept as it is. */
  fields?: string[]
  text: string
  /** 1-based line number in the original text (0 for appended lines). */
  lineNo: number
}

export class AccountTable {
  readonly lines: TableLine[]
  private readonly byName = new Map<string, TableLine>()

  constructor(
    /** For messages: "/etc/passwd on main.example.test". */
    readonly label: string,
    text: string,
    readonly width: number,
  ) {
    const raw = text.split('\n')
    if (raw.at(-1) === '') raw.pop()
    this.lines = raw.map((line, i) => {
      const isEntry = line !== '' && !line.startsWith('#') && !line.startsWith('+') && !line.startsWith('-')
      const fields = isEntry ? line.split(':') : undefined
      return {fields, text: line, lineNo: i + 1}
    })
    for (const line of this.lines) if (line.fields && !this.byName.has(line.fields[0])) this.byName.set(line.fields[0], line)
  }

  /** Entry lines in file order. */
  entries(): string[][] {
    return this.lines.filter((l) => l.fields).map((l) => l.fields as string[])
  }

  get(name: string): string[] | undefined {
    return this.byName.get(name)?.fields
  }

  has(name: string): boolean {
    return this.byName.has(name)
  }

  /** Replaces the fields of an existing entry in place, or appends a new one at the end. */
  put(fields: string[]): void {
    const existing = this.byName.get(fields[0])
    if (existing) {
      existing.fields = fields
      existing.text = fields.join(':')
      return
    }
    const line: TableLine = {fields, text: fields.join(':'), lineNo: 0}
    this.lines.push(line)
    this.byName.set(fields[0], line)
  }

  /** Lines whose field count is wrong for this file. */
  malformed(): TableLine[] {
    return this.lines.filter((l) => l.fields && l.fields.length !== this.width)
  }

  text(): string {
    return this.lines.length === 0 ? '' : `${this.lines.map((l) => l.text).join('\n')}\n`
  }
}

export const WIDTH = {passwd: 7, shadow: 9, group: 4, gshadow: 4} as const

/** Comma-separated member list → names ('' → none). */
export function memberList(field: string | undefined): string[] {
  return (field ?? '').split(',').filter(Boolean)
}
