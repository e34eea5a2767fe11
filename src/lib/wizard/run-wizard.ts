import type {ServiceModule} from '../../services/service-module.js'
import {type Asker, askQuestions} from './questions.js'

/**
 * Walks the services in the guide's order: for each one that has questions,
 * asks whether to set it up, then its questions. Returns settings per chosen
 * service; nothing is validated or applied here.
 */
export async function runWizard(
  asker: Asker,
  modules: ServiceModule<unknown>[],
  saved: Record<string, Record<string, unknown>>,
): Promise<Record<string, Record<string, unknown>>> {
  const chosen: Record<string, Record<string, unknown>> = {}
  const steps = modules.filter((m) => m.questions)
  for (const [i, module] of steps.entries()) {
    if (!module.questions) continue
    const previous = saved[module.name] ?? {}
    if (!(await asker.confirm(`Step ${i + 1}/${steps.length}, ${module.name}: ${module.summary}. Set it up?`, Object.keys(previous).length > 0))) continue
    const answers = await askQuestions(asker, module.questions(previous))
    chosen[module.name] = module.settingsFromAnswers ? module.settingsFromAnswers(answers, previous) : answers
  }
  return chosen
}
