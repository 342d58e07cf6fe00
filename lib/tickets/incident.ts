import 'server-only'
import type { Sql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { storedDate } from '@/lib/time/stored-date'

// A ticket's membership of an incident, written here like every other change of a Ticket row, with
// its history event. lib/incidents decides where a ticket belongs and calls these; lib/tickets does
// not know incidents (no import that way): a category change asks its followers (followers.ts).

export interface TicketIncidentRow {
  id: number
  category: string
  variant: string | null
  profile: string
  url: string | null
  status: string
  incidentId: string | null
  createdAt: Date
}

/** The ticket as an incident sees it (null when it does not exist). */
export async function readTicketForIncident(sql: Sql, ticketId: number): Promise<TicketIncidentRow | null> {
  const [row] = await sql.rows<Omit<TicketIncidentRow, 'createdAt'> & { createdAt: string | Date }>(Prisma.sql`SELECT "id",
    "category", "variant", "profile", "url", "status", "incidentId", "createdAt" FROM "Ticket" WHERE "id" = ${ticketId}`)
  return row ? { ...row, id: Number(row.id), createdAt: new Date(row.createdAt) } : null
}

export interface IncidentMove {
  ticketIds: readonly number[]
  incidentId: string | null
  actorId: string | null
  note: string
  /** False inside an agent's update, which counts its own new version. */
  newVersion: boolean
}

/** Moves tickets into `incidentId` (null: out of any), each with an INCIDENT_CHANGED event; returns how many moved. */
export async function setTicketsIncident(sql: Sql, change: IncidentMove): Promise<number> {
  const at = storedDate(new Date())
  let moved = 0
  for (const id of change.ticketIds) {
    const [row] = await sql.rows<{ incidentId: string | null }>(Prisma.sql`SELECT "incidentId" FROM "Ticket" WHERE "id" = ${id}`)
    if (!row || row.incidentId === change.incidentId) continue
    await sql.run(Prisma.sql`UPDATE "Ticket" SET "incidentId" = ${change.incidentId}, "version" = "version" + ${change.newVersion ? 1 : 0},
      "updatedAt" = ${at} WHERE "id" = ${id}`)
    await sql.run(Prisma.sql`INSERT INTO "TicketEvent" ("ticketId", "actorId", "type", "before", "after", "note", "createdAt")
      VALUES (${id}, ${change.actorId}, 'INCIDENT_CHANGED', ${JSON.stringify({ incidentId: row.incidentId })},
      ${JSON.stringify({ incidentId: change.incidentId })}, ${change.note}, ${at})`)
    moved++
  }
  return moved
}
