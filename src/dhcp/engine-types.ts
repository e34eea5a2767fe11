// Contracts between the layers of the DHCP engine. Each layer (codec, allocator,
// lease store, transport, server) depends on these types only, so any one of
// them can be replaced or tested alone.

/** An IPv4 address as an unsigned 32-bit integer in host order (192.0.2.1 = 0xc0000201). */
export type Ip4 = number;

/** DHCP message types (option 53), RFC 2132 §9.6. */
export const enum MessageType {
  Discover = 1,
  Offer = 2,
  Request = 3,
  Decline = 4,
  Ack = 5,
  Nak = 6,
  Release = 7,
  Inform = 8,
}

/**
 * A decoded BOOTP/DHCP packet. Options are kept as raw bytes keyed by code:
 * long options (RFC 3396) are already joined and overloaded sname/file
 * (option 52) already merged, so the hot path never converts values it does
 * not read. Typed conversion lives in the codec's option table.
 */
export interface DhcpPacket {
  op: 1 | 2;
  htype: number;
  hlen: number;
  hops: number;
  xid: number;
  secs: number;
  flags: number;
  ciaddr: Ip4;
  yiaddr: Ip4;
  siaddr: Ip4;
  giaddr: Ip4;
  /** Always 16 bytes; the hardware address is the first `hlen` of them. */
  chaddr: Buffer;
  sname: string;
  file: string;
  /** Insertion order is the order options are encoded in. */
  options: Map<number, Buffer>;
}

/** Where a packet came from, as the transport saw it. */
export interface PacketMeta {
  /** Interface the packet arrived on (0 when the transport cannot tell). */
  ifindex: number;
  ifname: string;
  srcAddress: string;
  srcPort: number;
  /** Destination address of the datagram (255.255.255.255 for a broadcast), '' when unknown. */
  dstAddress: string;
}

/** Where to send a reply. */
export interface SendTarget {
  address: string;
  port: number;
  /** Send through this interface (required for broadcasts to a direct client). */
  ifindex?: number;
  /**
   * Unicast to a client that has no address yet: the transport installs a
   * neighbour (ARP) entry address → hwaddr on ifindex before sending.
   */
  hwaddr?: Buffer;
}

export interface DhcpTransport {
  /** Starts receiving; resolves once every socket is bound. */
  start(onPacket: (data: Buffer, meta: PacketMeta) => void): Promise<void>;
  send(data: Buffer, target: SendTarget): void;
  close(): Promise<void>;
  /**
   * A transport of the same class whose sends go nowhere, for the warm-up
   * (warm-up.ts): code optimised on it fits the real one. Optional.
   */
  rehearsal?(): DhcpTransport;
}

export type LeaseState = 'active' | 'released' | 'expired' | 'declined';

export interface Lease {
  address: Ip4;
  /** Stable client key: `id:<hex of option 61>` when present, else `hw:<aa:bb:..>`. */
  clientKey: string;
  /** Hardware address as lowercase colon-separated hex. */
  hwaddr: string;
  hostname: string;
  scope: string;
  state: LeaseState;
  /** Unix seconds. */
  start: number;
  /** Unix seconds; for 'declined' this is when the quarantine ends. */
  expiry: number;
}

/**
 * Durable lease storage. `commit` resolves only after the lease is on stable
 * storage (fsync), so a server can send an ACK after awaiting it. Many commits
 * issued in the same tick share one write + fsync (group commit).
 */
export interface LeaseStore {
  /** Loads every lease from disk; damaged records are reported through onWarning and skipped. */
  open(): Promise<void>;
  getByAddress(address: Ip4): Lease | undefined;
  getByClient(clientKey: string): Lease | undefined;
  all(): IterableIterator<Lease>;
  /**
   * Optional: calls `visit` for every lease with what decides whether it owns
   * its address, without building Lease objects (a server starting on a
   * million leases needs nothing more). Same leases as all().
   */
  forEachLease?(visit: (address: Ip4, state: LeaseState, expiry: number) => void): void;
  readonly size: number;
  /** Insert or replace the lease for lease.address (and index it by clientKey). */
  commit(lease: Lease): Promise<void>;
  /** Forget the lease on this address (durably). */
  remove(address: Ip4): Promise<void>;
  /** Rewrites the file with only the current leases; safe to call while serving. */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/** A contiguous inclusive address range. */
export interface Ip4Range {
  start: Ip4;
  end: Ip4;
}

/**
 * Hands out free addresses of one pool without scanning it and without memory
 * proportional to the pool size (only to the number of addresses in use).
 */
export interface AddressAllocator {
  /** Is the address inside the pool and not excluded (reservations are not part of the pool)? */
  inPool(address: Ip4): boolean;
  /** Is the address in the pool and not currently taken? */
  isFree(address: Ip4): boolean;
  /** Marks an address taken (lease, held offer, quarantine). Returns false if it was already taken or is outside the pool. */
  take(address: Ip4): boolean;
  /** Returns an address to the pool. */
  free(address: Ip4): void;
  /** Takes and returns some free address, or undefined when the pool is exhausted. O(1) amortised. */
  allocate(): Ip4 | undefined;
  readonly capacity: number;
  readonly used: number;
}
