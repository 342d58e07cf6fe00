import 'server-only'
import { groupCommit } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect } from '@/lib/sql-dialect'
import { storedDate } from '@/lib/time/stored-date'

// The claim, in one place. A worker owns the rows it claimed until `claimedUntil`; the claim is one
// UPDATE … RETURNING, so two workers (the server's and a `npm run mail:deliver`, or several app
// processes on PostgreSQL) never take the same row: atomic under SQLite's single writer, and on
// PostgreSQL the subquery locks the rows it picks with FOR UPDATE SKIP LOCKED, so a concurrent
// claimer takes the next rows instead of waiting for these (lib/sql-dialect.ts). A crashed worker's
// rows come back when its claim expires: the rare message sent but not yet marked is sent again,
// with the same Message-ID. Every statement goes through the one write path (lib/db-write.ts).

export interface ClaimedMessage {
  id: number
  kind: string
  to: string
  ticketId: number | null
  params: string
  sealedToken: string | null
  messageId: string
  attempts: number
  createdAt: string | Date
}

/** Claims up to `limit` due messages for `owner` for `seconds`. */
export async function claimDue(owner: string, limit: number, seconds: number, now = new Date()): Promise<ClaimedMessage[]> {
  const at = storedDate(now)
  const until = storedDate(new Date(now.getTime() + seconds * 1000))
  const rows = await groupCommit((sql) =>
    sql.rows<ClaimedMessage>(Prisma.sql`UPDATE "OutboxMessage" SET "claimedBy" = ${owner}, "claimedUntil" = ${until}
      WHERE "id" IN (SELECT "id" FROM "OutboxMessage" WHERE "state" = 'PENDING' AND "nextAttemptAt" <= ${at}
        AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${at}) ORDER BY "nextAttemptAt", "id" LIMIT ${limit} ${sqlDialect().skipLocked})
      RETURNING "id", "kind", "to", "ticketId", "params", "sealedToken", "messageId", "attempts", "createdAt"`),
  )
  return rows.map((row) => ({ ...row, id: Number(row.id), attempts: Number(row.attempts) })).sort((a, b) => a.id - b.id)
}

/** Sent: the row is done, whoever holds it now (it did go out). */
export async function markSent(id: number, now = new Date()): Promise<void> {
  await groupCommit((sql) =>
    sql.run(Prisma.sql`UPDATE "OutboxMessage" SET "state" = 'SENT', "sentAt" = ${storedDate(now)}, "attempts" = "attempts" + 1,
      "lastError" = NULL, "claimedBy" = NULL, "claimedUntil" = NULL WHERE "id" = ${id}`),
  )
}

/** Not sent: due again at `retryAt`, or FAILED for good when `retryAt` is null. Only by its owner. */
export async function markNotSent(id: number, owner: string, reason: string, retryAt: Date | null): Promise<void> {
  await groupCommit((sql) =>
    sql.run(Prisma.sql`UPDATE "OutboxMessage" SET "state" = ${retryAt ? 'PENDING' : 'FAILED'}, "attempts" = "attempts" + 1,
      "lastError" = ${reason.slice(0, 500)}, "nextAttemptAt" = COALESCE(${retryAt ? storedDate(retryAt) : null}, "nextAttemptAt"),
      "claimedBy" = NULL, "claimedUntil" = NULL WHERE "id" = ${id} AND "claimedBy" = ${owner} AND "state" = 'PENDING'`),
  )
}

/** Gives back a claim without counting an attempt (the worker stops before sending). */
export async function releaseClaims(ids: number[], owner: string): Promise<void> {
  if (ids.length === 0) return
  await groupCommit((sql) =>
    sql.run(Prisma.sql`UPDATE "OutboxMessage" SET "claimedBy" = NULL, "claimedUntil" = NULL
      WHERE "id" IN (${Prisma.join(ids)}) AND "claimedBy" = ${owner}`),
  )
}
