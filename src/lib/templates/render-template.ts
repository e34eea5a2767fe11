import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import Handlebars from 'handlebars'

import {packageRoot} from '../package-root.js'

const templatesDir = join(packageRoot, 'templates')
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
