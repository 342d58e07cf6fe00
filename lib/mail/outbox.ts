import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import type { StatusNoticeFollower } from '@/lib/tickets/status-notice'
import type { TicketStatus } from '@/lib/tickets/status'
import { storedDate } from '@/lib/time/stored-date'
import { mailOrigin } from './config'
import type { OutboxKind } from './kinds'
import { nudgeMailDelivery } from './nudge'
import { sealToken } from './seal'

// Writing a message to the outbox, always through the caller's `Sql` (lib/db-write.ts): inside the
// group commit of a new report, or inside the Prisma transaction of a status change. The row is
// committed or rolled back with the change that caused it. No body is stored: the worker renders
// it from `kind` and `params` when it sends (lib/mail/messages.ts), so `params` holds no personal
// data (references, statuses, catalogue text, counts).

export interface NewOutboxMessage {
  kind: OutboxKind
  to: string
  ticketId: number | null
  params: Record<string, unknown>
  sealedToken?: string | null
  /** At most one message per key (ON CONFLICT DO NOTHING). */
  dedupeKey?: string | null
}

let messageIdHost: string | undefined

/** Writes one message; returns false when its dedupeKey was already queued. */
export async function enqueueMessage(sql: Sql, message: NewOutboxMessage, now = new Date()): Promise<boolean> {
  messageIdHost ??= new URL(mailOrigin()).hostname
  const at = storedDate(now)
  const changed = await sql.run(Prisma.sql`INSERT INTO "OutboxMessage" ("kind", "to", "ticketId", "params", "sealedToken",
    "messageId", "dedupeKey", "state", "attempts", "nextAttemptAt", "createdAt")
    VALUES (${message.kind}, ${message.to}, ${message.ticketId}, ${JSON.stringify(message.params)}, ${message.sealedToken ?? null},
    ${`<${randomUUID()}@${messageIdHost}>`}, ${message.dedupeKey ?? null}, 'PENDING', 0, ${at}, ${at})
    ON CONFLICT DO NOTHING`)
  return changed > 0
}

export interface AcknowledgementInput {
  ticketId: number
  reference: string
  email: string
  token: string
  /** What the person can do now: the self-help the form already showed (catalogue text). */
  selfHelp: { title: string; steps: string[] } | null
  whoActs: string
}

/** The acknowledgement of a new report, in the report's own savepoint. */
export async function enqueueAcknowledgement(sql: Sql, ack: AcknowledgementInput): Promise<void> {
  await enqueueMessage(sql, {
    kind: 'ACKNOWLEDGEMENT',
    to: ack.email,
    ticketId: ack.ticketId,
    params: { reference: ack.reference, selfHelp: ack.selfHelp, whoActs: ack.whoActs },
    sealedToken: sealToken(ack.token),
  })
}

/** The ticket's sealed tracking token, kept by its first message (null: no link can be given). */
async function ticketSealedToken(sql: Sql, ticketId: number): Promise<string | null> {
  const [row] = await sql.rows<{ sealedToken: string }>(Prisma.sql`SELECT "sealedToken" FROM "OutboxMessage"
    WHERE "ticketId" = ${ticketId} AND "sealedToken" IS NOT NULL ORDER BY "id" LIMIT 1`)
  return row?.sealedToken ?? null
}

export interface StatusNotice {
  ticketId: number
  status: TicketStatus
}

/**
 * A status change that carries a public message, in the transaction of the change: one message for
 * the ticket, to the address it was filed with (none: nothing to send). The message itself is not
 * mailed, only announced: the person reads it on the tracking page.
 */
export async function enqueueStatusChange(sql: Sql, notice: StatusNotice): Promise<void> {
  const [ticket] = await sql.rows<{ email: string | null; reference: string }>(Prisma.sql`SELECT "email", "reference"
    FROM "Ticket" WHERE "id" = ${notice.ticketId}`)
  if (!ticket?.email) return
  await enqueueMessage(sql, {
    kind: 'STATUS_CHANGED',
    to: ticket.email,
    ticketId: notice.ticketId,
    params: { reference: ticket.reference, status: notice.status },
    sealedToken: await ticketSealedToken(sql, notice.ticketId),
  })
}

/** The outbox as a follower of ticket status changes (lib/tickets/followers.ts). */
export const mailStatusChange: StatusNoticeFollower = async (sql, notice) => {
  await enqueueStatusChange(sql, notice)
  // The worker's claim waits for this transaction (the gate in lib/db.ts), so it sees the row once committed.
  nudgeMailDelivery()
}
