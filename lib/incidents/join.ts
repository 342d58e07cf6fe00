import 'server-only'
import { newRecordId } from '@/lib/security/random'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect } from '@/lib/sql-dialect'
import { storedDate } from '@/lib/time/stored-date'
import { incidentKeyFor, type IncidentKey, type IncidentSubject } from './keys'

// A report's place in an incident, decided inside the write that stores the report (the group
// commit's savepoint of lib/db-write.ts for a new report, the agent's Prisma transaction for a
// category change), through fixed statements that `Sql` prepares once: finding the open incident
// is one lookup in the partial unique index, joining it one UPDATE. A join does not change the
// incident's version: staff acting on an incident during a surge are not refused for it.

export interface JoinedIncident {
  id: string
  since: Date
  /** The published notice, or null while none is published. */
  message: string | null
}

interface OpenRow {
  id: string
  firstReportAt: string | Date
  published: number | boolean
  publicMessage: string | null
}

function joined(row: OpenRow): JoinedIncident {
  return { id: row.id, since: new Date(row.firstReportAt), message: row.published ? row.publicMessage : null }
}

export async function addIncidentEvent(
  sql: Sql,
  incidentId: string,
  e: { type: string; version: number; actorId?: string | null; before?: unknown; after?: unknown; note?: string | null; at?: string },
): Promise<void> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value))
  await sql.run(Prisma.sql`INSERT INTO "IncidentEvent" ("incidentId", "actorId", "type", "version", "before", "after", "note", "createdAt")
    VALUES (${incidentId}, ${e.actorId ?? null}, ${e.type}, ${e.version}, ${json(e.before)}, ${json(e.after)}, ${e.note ?? null},
    ${e.at ?? storedDate(new Date())})`)
}

/** Opens the incident of `key`; when the same problem was resolved before, says so and when. */
async function openIncident(sql: Sql, key: IncidentKey, at: string): Promise<JoinedIncident> {
  const id = newRecordId()
  const [previous] = await sql.rows<{ id: string; resolvedAt: string | Date | null }>(Prisma.sql`SELECT "id", "resolvedAt"
    FROM "Incident" WHERE "key" = ${key.key} AND "status" = 'RESOLVED' ORDER BY "resolvedAt" DESC LIMIT 1`)
  const previousResolvedAt = previous?.resolvedAt ? storedDate(new Date(previous.resolvedAt)) : null
  await sql.run(Prisma.sql`INSERT INTO "Incident" ("id", "key", "category", "variant", "status", "published",
    "previousIncidentId", "previousResolvedAt", "firstReportAt", "lastReportAt", "version", "createdAt", "updatedAt")
    VALUES (${id}, ${key.key}, ${key.category}, ${key.variant}, 'OPEN', ${sqlDialect().false}, ${previous?.id ?? null}, ${previousResolvedAt},
    ${at}, ${at}, 1, ${at}, ${at})`)
  await addIncidentEvent(sql, id, {
    type: previous ? 'CAME_BACK' : 'OPENED',
    version: 1,
    after: { key: key.key },
    ...(previous ? { before: { incidentId: previous.id, resolvedAt: previousResolvedAt } } : {}),
    at,
  })
  return { id, since: new Date(at), message: null }
}

/**
 * The open incident a report with this subject belongs to, joined (or opened when there is none),
 * or null for an individual cause. The incident keeps its first and last report instants; its
 * counts are read from its tickets.
 */
export async function joinIncident(sql: Sql, subject: IncidentSubject, reportedAt: Date): Promise<JoinedIncident | null> {
  const key = incidentKeyFor(subject)
  if (!key) return null
  const at = storedDate(reportedAt)
  // PostgreSQL: FOR KEY SHARE keeps a staff decision (which locks the row FOR UPDATE, mutations.ts)
  // from passing this report by: it waits for the report's commit, or the report waits for the
  // decision and then no longer finds the incident OPEN. Concurrent reports do not wait on each other.
  const [open] = await sql.rows<OpenRow>(Prisma.sql`SELECT "id", "firstReportAt", "published", "publicMessage"
    FROM "Incident" WHERE "key" = ${key.key} AND "status" = 'OPEN' ${sqlDialect().forKeyShare}`)
  if (!open) return openIncident(sql, key, at)
  await sql.run(Prisma.sql`UPDATE "Incident" SET "lastReportAt" = ${at} WHERE "id" = ${open.id} AND "lastReportAt" < ${at}`)
  return joined(open)
}

/** The key of an incident (null when it does not exist). */
export async function keyOfIncident(sql: Sql, incidentId: string): Promise<string | null> {
  const [row] = await sql.rows<{ key: string }>(Prisma.sql`SELECT "key" FROM "Incident" WHERE "id" = ${incidentId}`)
  return row?.key ?? null
}

/** Counts a member's answer after the resolution ("Oui" / "Non"); not a staff decision: no new version. */
export async function countConfirmation(sql: Sql, incidentId: string, works: boolean): Promise<void> {
  if (works) {
    await sql.run(Prisma.sql`UPDATE "Incident" SET "confirmedCount" = "confirmedCount" + 1 WHERE "id" = ${incidentId}`)
    return
  }
  await sql.run(Prisma.sql`UPDATE "Incident" SET "stillBlockedCount" = "stillBlockedCount" + 1 WHERE "id" = ${incidentId}`)
  const [row] = await sql.rows<{ version: number }>(Prisma.sql`SELECT "version" FROM "Incident" WHERE "id" = ${incidentId}`)
  await addIncidentEvent(sql, incidentId, { type: 'STILL_BLOCKED', version: Number(row?.version ?? 1), note: 'Une personne est toujours bloquée après la résolution.' })
}
