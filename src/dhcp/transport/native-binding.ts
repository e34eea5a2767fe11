// Typed access to the native DHCP socket addon (native/dhcp_socket.c).
import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'

import {packageRoot} from '../../lib/package-root.js'

export interface NativeSocketOptions {
  /** UDP port to bind; 0 picks a free one (see localPort). */
  port: number
  /** Local address to bind, default 0.0.0.0. */
  address?: string
  /** SO_BINDTODEVICE: only datagrams arriving on this interface are received, sends leave through it. */
  device?: string
  /** SO_RCVBUF in bytes (forced past net.core.rmem_max when the process has CAP_NET_ADMIN). */
  receiveBufferSize?: number
  /** send() checks its arguments and sends nothing (a rehearsal socket for the warm-up). */
  discard?: boolean
}

/**
 * Called once per datagram, with `this` bound to the socket. `data` is a
 * fresh Buffer owned by the callee from then on: the addon never touches it
 * again, so views into it may be kept. An exception thrown here goes to
 * process 'uncaughtException', like one from any event callback.
 */
export type NativeMessageHandler = (
  data: Buffer,
  ifindex: number,
  srcAddress: string,
  srcPort: number,
  dstAddress: string,
) => void

export interface NativeSocketStats {
  /** Datagrams handed to the callback. */
  received: number
  /** Datagrams larger than the 2 KiB receive slot, dropped. */
  truncated: number
  /** Datagrams the kernel dropped because the receive queue was full (cumulative, SO_RXQ_OVFL). */
  kernelDrops: number
  receiveErrors: number
}

/** Errors thrown by the addon for a failed system call. */
export interface NativeSystemError extends Error {
  /** errno name, e.g. 'ENETUNREACH'. */
  code: string
  /** Negative errno, as in Node's own system errors. */
  errno: number
  syscall: string
}

export interface NativeSocket {
  readonly localPort: number
  /**
   * Sends one datagram now (sendmsg, non-blocking). With `ifindex` it leaves
   * through that interface (IP_PKTINFO), which is how a broadcast reaches a
   * chosen link. With `hwaddr` (Ethernet, needs `ifindex`) a neighbour entry
   * address → hwaddr is installed first. Throws a NativeSystemError on
   * failure, EAGAIN included (send buffer full: the datagram is not sent).
   */
  send(data: Uint8Array, address: string, port: number, ifindex?: number, hwaddr?: Uint8Array): void
  /** Stops receiving and closes the descriptor at once; idempotent. */
  close(): void
  stats(): NativeSocketStats
}

export interface NativeBinding {
  /** Without onMessage the socket is send-only and the kernel discards what would be received. */
  DhcpSocket: new (options: NativeSocketOptions, onMessage?: NativeMessageHandler) => NativeSocket
  /** Throws ENODEV for an unknown name. */
  ifNameToIndex(name: string): number
  /** Throws ENXIO for an unknown index. */
  ifIndexToName(ifindex: number): string
}

export class NativeAddonMissingError extends Error {
  override readonly name = 'NativeAddonMissingError'
  readonly code = 'ERR_DHCP_NATIVE_ADDON_MISSING'
}

export {packageRoot}
export const addonPath = join(packageRoot, 'build', 'Release', 'dhcp_socket.node')

let loaded: NativeBinding | undefined

/**
 * Loads the addon (once, from the package's build directory unless a path is
 * given); throws NativeAddonMissingError saying how to build it.
 */
export function loadNativeBinding(path: string = addonPath): NativeBinding {
  if (loaded && path === addonPath) return loaded
  if (process.platform !== 'linux') {
    throw new NativeAddonMissingError('the DHCP socket addon works on Linux only')
  }
  if (!existsSync(path)) {
    throw new NativeAddonMissingError(
      `the DHCP socket addon is not built (${path} is missing): install a C toolchain ` +
        `(apt-get install build-essential python3) and run "npm run build:native" in ${packageRoot}`,
    )
  }
  let binding: NativeBinding
  try {
    binding = createRequire(import.meta.url)(path) as NativeBinding
  } catch (error) {
    throw new NativeAddonMissingError(
      `the DHCP socket addon at ${path} cannot be loaded (${(error as Error).message}): ` +
        `rebuild it for this Node.js with "npm run build:native" in ${packageRoot}`,
      {cause: error},
    )
  }
  if (path === addonPath) loaded = binding
  return binding
}
