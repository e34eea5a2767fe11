/**
 * A wizard question, as data, so a module can describe its questions without
 * knowing how they are asked (a terminal prompt, a test script, an answers file).
 */
export interface Question {
  key: string
  message: string
  kind: 'text' | 'list' | 'confirm' | 'secret'
  /** Shown as the default; for lists, the items joined by ", ". */
  default?: string | boolean
  /** One-line problem with the answer, or undefined when it is fine. */
  validate?: (answer: string) => string | undefined
  /** Empty answer allowed (the setting stays unset). */
  optional?: boolean
}

export interface Asker {
  text(message: string, options: {default?: string; validate?: (answer: string) => string | undefined; secret?: boolean}): Promise<string>
  confirm(message: string, defaultValue: boolean): Promise<boolean>
}

/** "a, b,c" → ['a', 'b', 'c']; for list questions, `;` also separates (records contain spaces and commas are rare). */
export function splitList(answer: string): string[] {
  return answer
    .split(/[;,]/)
    .map((item) => item.trim())
    .filter(Boolean)
}

/** Asks the questions in order; returns the settings the answers make. */
export async function askQuestions(asker: Asker, questions: Question[]): Promise<Record<string, unknown>> {
  const settings: Record<string, unknown> = {}
  for (const q of questions) {
    if (q.kind === 'confirm') {
      settings[q.key] = await asker.confirm(q.message, q.default === true)
      continue
    }
    const answer = (
      await asker.text(q.message, {
        default: typeof q.default === 'string' ? q.default : undefined,
        secret: q.kind === 'secret',
        validate: (text) => {
          if (text.trim() === '') return q.optional ? undefined : 'an answer is needed'
          if (q.kind === 'list') {
            for (const item of splitList(text)) {
              const problem = q.validate?.(item)
              if (problem) return problem
            }
            return undefined
          }
          return q.validate?.(text.trim())
        },
      })
    ).trim()
    if (answer === '') continue
    settings[q.key] = q.kind === 'list' ? splitList(answer) : answer
  }
  return settings
}
