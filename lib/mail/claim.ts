import 'server-only'
import { statementFor, withConnection } from '@/lib/db'
import { storedDate } from '@/lib/time/stored-date'

// The claim, in one place. A worker owns the rows it claimed until `claimedUntil`; the claim is one
// UPDATE … RETURNING, atomic under SQLite's single writer, so two workers (the server's and a
// `npm run mail:deliver`) never take the same row. A crashed worker's rows come back when its claim
// expires: the rare message sent but not yet marked is sent again, with the same Message-ID.
// A PostgreSQL port writes this file again: SELECT … FOR UPDATE SKIP LOCKED in the same UPDATE.

export interface ClaimedMessage {
  id: number
  kind: string
  to: string
  ticketId: number | null
  params: string
  sealedToken: string | null
  messageId: string
  attempts: number
  createdAt: string
}

const CLAIM = `UPDATE "OutboxMessage" SET "claimedBy" = ?, "claimedUntil" = ?
  WHERE "id" IN (SELECT "id" FROM "OutboxMessage" WHERE "state" = 'PENDING' AND "nextAttemptAt" <= ?
    AND ("claimedUntil" IS NULL OR "claimedUntil" <= ?) ORDER BY "nextAttemptAt", "id" LIMIT ?)
  RETURNING "id", "kind", "to", "ticketId", "params", "sealedToken", "messageId", "attempts", "createdAt"`

/** Claims up to `limit` due messages for `owner` for `seconds`. */
export function claimDue(owner: string, limit: number, seconds: number, now = new Date()): Promise<ClaimedMessage[]> {
  const at = storedDate(now)
  const until = storedDate(new Date(now.getTime() + seconds * 1000))
  return withConnection((own) => {
    const rows = statementFor(own, CLAIM).all(owner, until, at, at, limit) as ClaimedMessage[]
    return rows.sort((a, b) => a.id - b.id)
  })
}

/** Sent: the row is done, whoever holds it now (it did go out). */
export function markSent(id: number, now = new Date()): Promise<void> {
  return withConnection((own) => {
    statementFor(own, `UPDATE "OutboxMessage" SET "state" = 'SENT', "sentAt" = ?, "attempts" = "attempts" + 1,
      "lastError" = NULL, "claimedBy" = NULL, "claimedUntil" = NULL WHERE "id" = ?`).run(storedDate(now), id)
  })
}

/** Not sent: due again at `retryAt`, or FAILED for good when `retryAt` is null. Only by its owner. */
export function markNotSent(id: number, owner: string, reason: string, retryAt: Date | null): Promise<void> {
  return withConnection((own) => {
    statementFor(own, `UPDATE "OutboxMessage" SET "state" = ?, "attempts" = "attempts" + 1, "lastError" = ?,
      "nextAttemptAt" = COALESCE(?, "nextAttemptAt"), "claimedBy" = NULL, "claimedUntil" = NULL
      WHERE "id" = ? AND "claimedBy" = ? AND "state" = 'PENDING'`).run(
      retryAt ? 'PENDING' : 'FAILED',
      reason.slice(0, 500),
      retryAt ? storedDate(retryAt) : null,
      id,
      owner,
    )
  })
}

/** Gives back a claim without counting an attempt (the worker stops before sending). */
export function releaseClaims(ids: number[], owner: string): Promise<void> {
  return withConnection((own) => {
    const release = statementFor(own, `UPDATE "OutboxMessage" SET "claimedBy" = NULL, "claimedUntil" = NULL WHERE "id" = ? AND "claimedBy" = ?`)
    for (const id of ids) release.run(id, owner)
  })
}
