import type {DistroId} from '../distro/profile.js'

// A plan is data: what a service needs on the machine. Service modules build
// plans without touching the system; the executor is the only code that reads
// the live files, compares, validates and applies.

export interface PlannedFile {
  /** Absolute path on the target system (the executor prefixes --root). */
  path: string
  content: string
  mode: number
  owner: string
  group: string
  /** Content is a secret: never shown in diffs, logs or history. */
  secret?: boolean
  /**
   * The content was merged into what is on disk now (e.g. accounts added to
   * /etc/passwd), so other tools' later edits are expected: the file is not
   * recorded in the managed index and never reported as edited by hand.
   */
  untracked?: boolean
  /**
   * Pure adjustment that depends on what is on disk now (e.g. a DNS zone's
   * serial is kept when nothing else changed, bumped otherwise).
   */
  finalize?: (current: string | undefined) => string
}

export interface PlannedDirectory {
  path: string
  mode: number
  owner: string
  group: string
}

/** A daemon's own checker, run on a staged copy of the configuration before anything is replaced. */
export interface ConfigCheck {
  description: string
  /** argv; the token `{stage}` is replaced by the staging root (a copy of the target tree with the new files). */
  argv: string[]
  /** Live directories copied into the stage before the new files are laid over them. */
  stageTrees: string[]
  /** Directories the checker expects to exist (created empty in the stage when absent). */
  stageDirs?: string[]
  /** Output that means failure even when the checker exits 0 (testparm, postfix check…). */
  failOnOutput?: RegExp
}

export interface UnitSpec {
  /** systemd unit name without .service. */
  name: string
  /** Name of the SysV script used by `service` when systemd is not running (Debian). */
  sysvName?: string
  /** Command that starts the daemon directly when neither systemd nor a SysV script can (RHEL without systemd). */
  directStart?: string[]
  /** `pgrep -f` pattern that finds a directly started daemon (default: its program name). */
  processPattern?: string
  /** Restart when one of these files changed. */
  restartOn: string[]
  /** Reload instead of restart when the daemon is already running. */
  reload?: boolean
  /** Files whose change needs only a reload (restartOn files still restart). */
  reloadOn?: string[]
}

/**
 * A command that changes the live system beyond files and units (e.g. `ip addr
 * replace`, `systemctl enable` of a timer). Run after the files are in place
 * and before units are restarted, only when one of `runWhen` changed (or
 * always when `runWhen` is empty); listed, not run, under --root.
 */
export interface PlannedCommand {
  description: string
  argv: string[]
  runWhen: string[]
  /** Run instead when the run is rolled back after this command ran. */
  undo?: string[]
  /**
   * Read-only probe run first on the live system: exit 0 means the command's
   * effect is already in place, so it is skipped (listed nowhere, no undo).
   * This keeps a second apply quiet and keeps undo from reverting a state
   * that was there before the run (e.g. disabling an sshd that was enabled).
   */
  unlessOk?: string[]
}

/** How long a freshly (re)started service has to pass its post-check (default 15 s). */
interface PostCheckTiming {
  withinMs?: number
}

export type PostCheck = PostCheckTiming &
  (
    | {kind: 'dns'; description: string; server: string; port: number; name: string; type: 'A' | 'SOA' | 'MX' | 'PTR'}
    | {kind: 'tcp'; description: string; host: string; port: number}
    | {kind: 'command'; description: string; argv: string[]}
  )

export interface Plan {
  service: string
  distro: DistroId
  packages: string[]
  directories: PlannedDirectory[]
  files: PlannedFile[]
  checks: ConfigCheck[]
  units: UnitSpec[]
  commands: PlannedCommand[]
  postChecks: PostCheck[]
  /** Things the admin should know, shown with the plan. */
  notes: string[]
}

export function emptyPlan(service: string, distro: DistroId): Plan {
  return {service, distro, packages: [], directories: [], files: [], checks: [], units: [], commands: [], postChecks: [], notes: []}
}

/** Several service plans applied as one run. */
export function mergePlans(plans: Plan[]): Plan {
  if (plans.length === 0) throw new Error('mergePlans needs at least one plan')
  const merged = emptyPlan(plans.map((p) => p.service).join('+'), plans[0].distro)
  for (const plan of plans) {
    for (const pkg of plan.packages) if (!merged.packages.includes(pkg)) merged.packages.push(pkg)
    merged.directories.push(...plan.directories)
    merged.files.push(...plan.files)
    merged.checks.push(...plan.checks)
    merged.units.push(...plan.units)
    merged.commands.push(...plan.commands)
    merged.postChecks.push(...plan.postChecks)
    merged.notes.push(...plan.notes)
  }
  const seen = new Set<string>()
  for (const file of merged.files) {
    if (seen.has(file.path)) throw new Error(`two plans write ${file.path}`)
    seen.add(file.path)
  }
  return merged
}
