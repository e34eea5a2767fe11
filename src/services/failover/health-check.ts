// What `--check` means to keepalived: a vrrp_script whose failure puts the
// instance in FAULT, so the address moves to a peer whose service still runs.
// keepalived runs the script without a shell and splits it on spaces, so the
// commands are built from validated words only.

export interface HealthCheck {
  /** vrrp_script name. */
  name: string
  script: string
  /** As the admin wrote it. */
  given: string
}

const PROCESS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,30}$/

export function healthCheckProblem(text: string): string | undefined {
  const tcp = /^tcp:(\d{1,5})$/.exec(text)
  if (tcp) return Number(tcp[1]) >= 1 && Number(tcp[1]) <= 65_535 ? undefined : `check '${text}': the port must be 1 to 65535`
  if (PROCESS.test(text)) return undefined
  return `check '${JSON.stringify(text).slice(1, -1)}' must be a process name (e.g. named) or tcp:PORT (e.g. tcp:53)`
}

export function parseHealthCheck(text: string): HealthCheck {
  const problem = healthCheckProblem(text)
  if (problem) throw new Error(problem)
  const tcp = /^tcp:(\d+)$/.exec(text)
  if (tcp) {
    // bash opens the connection for the redirection and exits 1 when it is refused.
    return {name: `chk_tcp_${tcp[1]}`, script: `/bin/bash -c </dev/tcp/127.0.0.1/${tcp[1]}`, given: text}
  }
  return {name: `chk_${text.replaceAll(/[.-]/g, '_')}`, script: `/usr/bin/pidof ${text}`, given: text}
}
