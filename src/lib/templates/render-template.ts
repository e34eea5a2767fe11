import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import Handlebars from 'handlebars'

function findTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'templates')) || !existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('srvctl templates/ directory not found')
    dir = parent
  }
  return join(dir, 'templates')
}

const templatesDir = findTemplatesDir()
const compiled = new Map<string, HandlebarsTemplateDelegate>()

// Config files are not HTML: no escaping (values are validated before they get
// here), and strict so a missing value is an error instead of an empty string.
const engine = Handlebars.create()

/** Renders templates/<name>.hbs with the given values. */
export function renderTemplate(name: string, values: object): string {
  let template = compiled.get(name)
  if (!template) {
    const source = readFileSync(join(templatesDir, `${name}.hbs`), 'utf8')
    template = engine.compile(source, {noEscape: true, strict: true})
    compiled.set(name, template)
  }
  return template(values)
}
