import 'server-only'
import type { Sql } from '@/lib/db-write'

// Other domains keep their records in step with a ticket, inside the ticket's own transaction: an
// ENT identity record follows its tickets' category and status, an incident its members' category.
// They register here instead of lib/tickets importing them, so that lib/tickets stays below every
// domain that changes tickets through it (no import cycle: those domains call lib/tickets).
// lib/followers.ts imports every follower; each process entry imports it (instrumentation.ts for
// the server, lib/reports for scripts, the test setup), and a change with none registered throws
// rather than silently leaving a record behind.

/** Called with the ticket's id, in the transaction of the change, after its row was written. */
export type TicketFollower = (sql: Sql, ticketId: number, actorId: string | null) => Promise<void>

// On globalThis: Next.js may load this module once per server bundle (instrumentation, routes),
// and a follower registered from one must be seen by all.
type Registry = { category: Map<string, TicketFollower>; status: Map<string, TicketFollower>; hold: Map<string, TicketFollower> }
const registry = globalThis as unknown as { relaisTicketFollowers?: Registry }
const followers = (registry.relaisTicketFollowers ??= { category: new Map(), status: new Map(), hold: new Map() })
followers.hold ??= new Map() // a registry made by an older module instance (hot reload)

/** Registers (or replaces) the follower called `name` of category changes. */
export function followTicketCategory(name: string, follower: TicketFollower): void {
  followers.category.set(name, follower)
}

/** Registers (or replaces) the follower called `name` of status changes made by hand. */
export function followTicketStatus(name: string, follower: TicketFollower): void {
  followers.status.set(name, follower)
}

/**
 * Registers what follower `name` must lock BEFORE a ticket's row is written (a status or category
 * change): its own record, so that a change of a ticket takes the locks in the order a decision on
 * the record takes them (record, then its tickets). In the other order, an agent closing a ticket
 * while an admin decides its record deadlocked on PostgreSQL (one of them got a 500).
 */
export function holdBeforeTicketChange(name: string, holder: TicketFollower): void {
  followers.hold.set(name, holder)
}

/** Called by the one writer of ticket changes (mutations.ts) before it writes the row. */
export async function holdFollowedRecords(sql: Sql, ticketId: number, actorId: string | null): Promise<void> {
  for (const holder of followers.hold.values()) await holder(sql, ticketId, actorId)
}

async function notify(kind: 'category' | 'status', sql: Sql, ticketId: number, actorId: string | null): Promise<void> {
  const registered = followers[kind]
  if (registered.size === 0) throw new Error(`No ticket ${kind} follower registered: import lib/followers.ts first`)
  for (const follower of registered.values()) await follower(sql, ticketId, actorId)
}

/** Called by the one writer of a category change (mutations.ts). */
export const categoryChanged = (sql: Sql, ticketId: number, actorId: string | null) => notify('category', sql, ticketId, actorId)

/** Called by the one writer of a status change by hand (mutations.ts). */
export const statusChanged = (sql: Sql, ticketId: number, actorId: string | null) => notify('status', sql, ticketId, actorId)
