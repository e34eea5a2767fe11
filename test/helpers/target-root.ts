import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'

/**
 * A --root tree seeded with what a Debian machine with BIND installed has, so
 * named-checkconf can check the result the way it would on the machine.
 */
export function debianBindRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'srvctl-root-'))
  mkdirSync(join(root, 'etc'), {recursive: true})
  writeFileSync(join(root, 'etc/os-release'), 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n')
  for (const file of ['passwd', 'group']) cpSync(`/etc/${file}`, join(root, 'etc', file))
  if (existsSync('/etc/bind')) cpSync('/etc/bind', join(root, 'etc/bind'), {recursive: true})
  if (existsSync('/usr/share/dns')) cpSync('/usr/share/dns', join(root, 'usr/share/dns'), {recursive: true})
  mkdirSync(join(root, 'var/cache/bind'), {recursive: true})
  return root
}

/** A bare RHEL-like root: os-release plus the stock files named.conf includes. */
export function rhelBindRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'srvctl-rhel-'))
  mkdirSync(join(root, 'etc/crypto-policies/back-ends'), {recursive: true})
  writeFileSync(join(root, 'etc/os-release'), 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nPRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"\n')
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\nnamed:x:25:25:Named:/var/named:/sbin/nologin\n')
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnamed:x:25:\n')
  writeFileSync(join(root, 'etc/named.rfc1912.zones'), 'zone "localhost" IN { type primary; file "named.localhost"; allow-update { none; }; };\n')
  writeFileSync(join(root, 'etc/named.root.key'), '')
  writeFileSync(join(root, 'etc/crypto-policies/back-ends/bind.config'), '')
  mkdirSync(join(root, 'var/named/data'), {recursive: true})
  mkdirSync(join(root, 'var/named/dynamic'), {recursive: true})
  writeFileSync(join(root, 'var/named/named.ca'), '')
  writeFileSync(
    join(root, 'var/named/named.localhost'),
    '$TTL 1D\n@ IN SOA @ rname.invalid. ( 0 1D 1H 1W 3H )\n\tNS @\n\tA 127.0.0.1\n',
  )
  return root
}

/** Every file under dir with its content and mtime, to prove nothing changed. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string): void => {
    if (!existsSync(d)) return
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      const st = statSync(p)
      if (st.isDirectory()) walk(p)
      else out.set(relative(dir, p), `${st.mtimeMs}:${st.mode}:${readFileSync(p, 'base64')}`)
    }
  }
  walk(dir)
  return out
}
