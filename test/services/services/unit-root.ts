import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const UNIT = '[Unit]\nDescription=test unit\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n'
const OS_RELEASE = {
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n',
  rhel: 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n',
}

/**
 * A --root tree with unit files for the given units (those in `enabled` get
 * their multi-user.target.wants link) and SysV-only services as init scripts.
 */
export function unitRoot(distro: 'debian' | 'rhel', units: {unit: string; enabled?: boolean; sysvOnly?: boolean}[]): string {
  const root = mkdtempSync(join(tmpdir(), 'srvctl-units-'))
  const unitDir = distro === 'debian' ? 'lib/systemd/system' : 'usr/lib/systemd/system'
  mkdirSync(join(root, unitDir), {recursive: true})
  mkdirSync(join(root, 'etc/systemd/system/multi-user.target.wants'), {recursive: true})
  mkdirSync(join(root, 'etc/init.d'), {recursive: true})
  writeFileSync(join(root, 'etc/os-release'), OS_RELEASE[distro])
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n')
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\n')
  for (const {unit, enabled, sysvOnly} of units) {
    if (sysvOnly) {
      writeFileSync(join(root, 'etc/init.d', unit), '#!/bin/sh\n### BEGIN INIT INFO\n# Provides: x\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n### END INIT INFO\nexit 0\n', {mode: 0o755})
      continue
    }
    writeFileSync(join(root, unitDir, `${unit}.service`), UNIT)
    // Relative, so the link resolves inside the tree (snapshots follow links).
    if (enabled) symlinkSync(`../../../../${unitDir}/${unit}.service`, join(root, 'etc/systemd/system/multi-user.target.wants', `${unit}.service`))
  }
  return root
}
