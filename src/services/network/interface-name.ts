// Interface names end up in file names, config files and `ip` argv; the
// kernel allows up to 15 bytes (IFNAMSIZ - 1) of almost anything, but real
// names (eth0, ens18, enp3s0f1, bond0.100) never need more than this.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/

export const MAX_INTERFACE_NAME = 15

export function interfaceNameProblem(name: string): string | undefined {
  if (!NAME.test(name)) {
    return `interface '${JSON.stringify(name).slice(1, -1)}' must be 1-15 letters, digits, '.', '_' or '-' (e.g. eth0, ens18)`
  }
  return undefined
}
