// What the server saw and did, as plain numbers: one counter per message type
// in and out and one per reason a packet was dropped. Fields are fixed so the
// increments on the hot path stay monomorphic property writes.

export interface ReceivedCounts {
  discover: number
  request: number
  decline: number
  release: number
  inform: number
}

export interface SentCounts {
  offer: number
  ack: number
  nak: number
}

/** Why a packet got no answer. */
export interface DropCounts {
  /** Could not be decoded (truncated, bad cookie, options overrunning the packet). */
  malformed: number
  /** A BOOTREPLY (op 2): another server's answer, not for us. */
  notRequest: number
  /** No option 53: plain BOOTP or garbage. */
  noMessageType: number
  /** Option 53 is not a client message type (e.g. OFFER, ACK or unknown). */
  unknownMessageType: number
  /** No active scope serves the interface, relay or address the packet came from. */
  noScope: number
  /** A REQUEST selecting another server (our held offer is freed). */
  otherServer: number
  /** No free address left in the client's scopes. */
  poolExhausted: number
  /** A REQUEST we would NAK (unknown lease, other network, outside our pool), left unanswered because we are not authoritative. */
  notAuthoritative: number
  /** RELEASE or DECLINE for an address that is not the client's. */
  notClientsAddress: number
  /** A message missing the fields its type needs (e.g. REQUEST without address). */
  incomplete: number
  /** The lease store failed to commit; no ACK was sent. */
  storeFailed: number
  /** The transport refused or failed to send the reply. */
  sendFailed: number
  /** A handler threw; logged with its stack. */
  internalError: number
  /** The client sent more than rateLimit.perClient allows. */
  rateLimitedClient: number
  /** A client with no lease and no offer, over the shared rateLimit.newClients budget. */
  rateLimitedNewClient: number
}

export interface DhcpServerStats {
  received: ReceivedCounts
  sent: SentCounts
  dropped: DropCounts
  /** Malformed packets by what was wrong with them (the codec's MalformedReason). */
  malformed: Record<string, number>
  /** Addresses currently held for offers not yet requested. */
  offersHeld: number
  /** Lease commits started and not yet durable. */
  pendingCommits: number
  /** Clients whose packet rate is being tracked (at most rateLimit.trackedClients). */
  rateTrackedClients: number
}

export type DropReason = keyof DropCounts

export class Counters {
  readonly received: ReceivedCounts = {discover: 0, request: 0, decline: 0, release: 0, inform: 0}
  readonly sent: SentCounts = {offer: 0, ack: 0, nak: 0}
  readonly dropped: DropCounts = {
    malformed: 0,
    notRequest: 0,
    noMessageType: 0,
    unknownMessageType: 0,
    noScope: 0,
    otherServer: 0,
    poolExhausted: 0,
    notAuthoritative: 0,
    notClientsAddress: 0,
    incomplete: 0,
    storeFailed: 0,
    sendFailed: 0,
    internalError: 0,
    rateLimitedClient: 0,
    rateLimitedNewClient: 0,
  }

  readonly malformed: Record<string, number> = {}

  countMalformed(reason: string): void {
    this.dropped.malformed++
    this.malformed[reason] = (this.malformed[reason] ?? 0) + 1
  }

  snapshot(): Pick<DhcpServerStats, 'received' | 'sent' | 'dropped' | 'malformed'> {
    return {received: {...this.received}, sent: {...this.sent}, dropped: {...this.dropped}, malformed: {...this.malformed}}
  }
}
