import type {ServiceModule} from '../service-module.js'
import {planServices} from './services-plan.js'
import {type ServicesSettings, servicesSettingsSchema} from './services-settings.js'
import {servicesQuestions} from './services-questions.js'

export const servicesService: ServiceModule<ServicesSettings> = {
  name: 'services',
  summary: 'Which system services start at boot (the guide\'s on/off list: sshd, named, httpd, …)',
  schema: servicesSettingsSchema,
  secretKeys: [],
  plan: planServices,
  // No units of its own: `srvctl disable services` only stops enforcing the lists, it must never stop sshd.
  questions: servicesQuestions,
  units: () => [],
}
