import {readFileSync} from 'node:fs'

import {Flags} from '@oclif/core'
import {parse} from 'yaml'

import {MutatingCommand, mutatingFlags} from '../lib/base-command.js'
import {UserError} from '../lib/errors.js'
import type {ApplyReport} from '../lib/plan/apply-plan.js'
import {loadDesiredState} from '../lib/state/desired-state.js'
import {enableServices, targetFromFlags} from '../lib/state/state-actions.js'
import {runWizard} from '../lib/wizard/run-wizard.js'
import {terminalAsker} from '../lib/wizard/terminal-asker.js'
import {allServices} from '../services/registry.js'

export default class Init extends MutatingCommand {
  static override summary = 'Set up this server step by step: answer the questions, review the plan, apply it.'
  static override description = `Walks the steps of the setup guide in order (each service srvctl manages that has questions): asks
whether to set it up and how, shows the complete plan with diffs, and applies it as one run after you
confirm. Answers already saved are offered as defaults, so running it again is how you review a server.

For scripts, give the answers as a YAML file (service name → settings, the same keys as in
/etc/srvctl/srvctl.yaml) with --answers.`

  static override examples = [
    {description: 'Interactive, then apply', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Interactive, show the plan only', command: '<%= config.bin %> <%= command.id %> --dry-run'},
    {description: 'From an answers file, no questions', command: '<%= config.bin %> <%= command.id %> --answers answers.yaml --yes'},
  ]

  static override flags = {
    answers: Flags.string({summary: 'Read the answers from this YAML file instead of asking.', helpValue: 'FILE'}),
    ...mutatingFlags,
  }

  async run(): Promise<ApplyReport> {
    const {flags} = await this.parse(Init)
    const target = targetFromFlags(flags)
    const saved = Object.fromEntries(Object.entries(loadDesiredState(target).services).map(([name, entry]) => [name, entry.settings]))
    let chosen: Record<string, Record<string, unknown>>
    if (flags.answers) {
      let raw: unknown
      try {
        raw = parse(readFileSync(flags.answers, 'utf8'))
      } catch (error) {
        throw new UserError(`cannot read --answers ${flags.answers}: ${(error as Error).message.split('\n')[0]}`, 'give a YAML file mapping service names to settings')
      }
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UserError(`--answers ${flags.answers} must map service names to settings`, 'e.g. "dns: {domain: example.test, serverIp: 192.168.10.2}"')
      chosen = raw as Record<string, Record<string, unknown>>
    } else {
      if (!process.stdin.isTTY) throw new UserError('srvctl init asks questions and needs a terminal', 'use --answers FILE, or srvctl enable SERVICE with flags')
      chosen = await runWizard(terminalAsker(), allServices(), saved)
    }
    if (Object.keys(chosen).length === 0) throw new UserError('no service was chosen', 'run srvctl init again and answer yes to at least one step')

    const preview = await enableServices(chosen, {...target, mode: 'dry-run'}, this.progressFor({mode: 'dry-run'}), this.commandLine())
    if (target.mode === 'dry-run') {
      this.printReport(preview, true)
      return preview
    }
    this.printReport(preview, !this.jsonEnabled())
    if (!flags.yes && !flags.answers && process.stdin.isTTY) {
      const {confirm} = await import('@inquirer/prompts')
      const go = await confirm({message: `Apply these ${preview.changes} change(s)?`, default: true}, {input: process.stdin, output: process.stderr})
      if (!go) {
        this.log('Nothing was changed.')
        return preview
      }
    }
    const report = await enableServices(chosen, target, this.progressFor(target), this.commandLine())
    this.printReport(report, false)
    return report
  }
}
