import {readFileSync} from 'node:fs'

import {parse} from 'yaml'

import {DhcpConfigError} from './parse-config.js'

/** Where `srvctl enable dhcp` writes the configuration the service runs with. */
export const DEFAULT_DHCP_CONFIG_FILE = '/etc/srvctl/dhcp4.yaml'

/**
 * The raw `dhcp:` section of a YAML file (`{dhcp: <config>}`), not yet
 * validated so the caller can lay flags over it. A missing file, bad YAML or
 * a file without a `dhcp` map is a DhcpConfigError naming the file.
 */
export function readDhcpConfigFile(path: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : (error as Error).message
    throw new DhcpConfigError(`${path} ${why}`, '')
  }
  let document: unknown
  try {
    document = parse(text)
  } catch (error) {
    throw new DhcpConfigError(`${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, '')
  }
  const section = (document as {dhcp?: unknown} | null)?.dhcp
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    throw new DhcpConfigError(`${path} has no "dhcp:" section with the server configuration`, '')
  }
  return section as Record<string, unknown>
}
