import type {ServiceModule} from '../service-module.js'
import {type AliasesSettings, aliasesSettingsSchema} from './alias-settings.js'
import {aliasesUnits, planAliases} from './aliases-plan.js'
import {aliasesQuestions, aliasesSettingsFromAnswers} from './aliases-questions.js'

export const aliasesService: ServiceModule<AliasesSettings> = {
  name: 'aliases',
  summary: 'Extra IPv4 addresses on an interface (eth0:1, eth0:2 …), live and at boot',
  schema: aliasesSettingsSchema,
  secretKeys: [],
  plan: planAliases,
  questions: aliasesQuestions,
  settingsFromAnswers: aliasesSettingsFromAnswers,
  units: aliasesUnits,
}
