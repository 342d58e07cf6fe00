import 'server-only'
import { db } from '@/lib/db'
import { prismaSql, type Sql } from '@/lib/db-write'
import { getEntry, getVariant } from '@/lib/catalogue/entries'
import type { CategoryCode } from '@/lib/catalogue/types'
import { env } from '@/lib/env'
import { Prisma } from '@/lib/generated/prisma/client'
import { sqlDialect } from '@/lib/sql-dialect'
import { closedStatuses } from '@/lib/tickets/status'
import { parisWallClock } from '@/lib/time/paris'
import { storedDate } from '@/lib/time/stored-date'
import { enqueueMessage } from './outbox'

// Messages to staff. Each member chooses in their account settings (StaffUser.mailIncidentAlerts,
// on by default; StaffUser.mailDailyDigest, off by default).

/** The digest goes out from this hour (Paris time), once a day per member who asked for it. */
export const DIGEST_HOUR = 7

/** Queues today's digest for each member who wants one and has not got it yet. */
export async function queueDailyDigests(now = new Date()): Promise<number> {
  const clock = parisWallClock(now)
  if (clock.hour < DIGEST_HOUR) return 0
  const day = `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')}`
  const members = await db.staffUser.findMany({ where: { mailDailyDigest: true, disabledAt: null }, select: { id: true, email: true } })
  const due = await db.outboxMessage.findMany({
    where: { dedupeKey: { in: members.map((m) => `digest:${day}:${m.id}`) } },
    select: { dedupeKey: true },
  })
  const done = new Set(due.map((d) => d.dedupeKey))
  const waiting = members.filter((m) => !done.has(`digest:${day}:${m.id}`))
  if (waiting.length === 0) return 0
  const groups = await db.ticket.groupBy({ by: ['status'], where: { status: { notIn: [...closedStatuses] } }, _count: true })
  const counts = Object.fromEntries(groups.map((g) => [g.status, g._count]))
  let queued = 0
  await db.$transaction(async (tx) => {
    for (const m of waiting) {
      const params = { day, counts }
      if (await enqueueMessage(prismaSql(tx), { kind: 'DAILY_DIGEST', to: m.email, ticketId: null, params, dedupeKey: `digest:${day}:${m.id}` }, now)) queued++
    }
  })
  return queued
}

export interface IncidentAlertInput {
  incidentId: string
  /** Catalogue label of the incident's category (no personal data). */
  label: string
  count: number
  windowMinutes: number
  /** Admin page of the incident. */
  path: string
}

/** The members who want incident alerts (the FROM and WHERE of a query). */
const alertRecipients = () => Prisma.sql`FROM "StaffUser" WHERE "mailIncidentAlerts" = ${sqlDialect().true} AND "disabledAt" IS NULL`

/**
 * The alert of an incident that reached the threshold, to each member who wants alerts: one per
 * incident and member (dedupeKey), in the caller's transaction.
 */
export async function enqueueIncidentAlert(sql: Sql, alert: IncidentAlertInput, now = new Date()): Promise<number> {
  const members = await sql.rows<{ id: string; email: string }>(Prisma.sql`SELECT "id", "email" ${alertRecipients()}`)
  let queued = 0
  for (const m of members) {
    const message = { kind: 'INCIDENT_ALERT' as const, to: m.email, ticketId: null, params: { ...alert }, dedupeKey: `incident-alert:${alert.incidentId}:${m.id}` }
    if (await enqueueMessage(sql, message, now)) queued++
  }
  return queued
}

/** The alert rule: MAIL_ALERT_THRESHOLD reports within MAIL_ALERT_WINDOW_MIN minutes (10 in 30). */
export function incidentAlertRule(): { threshold: number; windowMinutes: number } {
  return { threshold: env().MAIL_ALERT_THRESHOLD, windowMinutes: env().MAIL_ALERT_WINDOW_MIN }
}

/**
 * Hook for the incident that a report joins, in the report's transaction: `reportsInWindow` is its
 * count of reports within the rule's window. At the threshold the alert is queued (once per incident
 * and member, so later reports add nothing). Returns how many alerts were queued.
 */
export async function alertIfIncidentReachedThreshold(
  sql: Sql,
  incident: { id: string; label: string; path: string; reportsInWindow: number },
): Promise<number> {
  const { threshold, windowMinutes } = incidentAlertRule()
  if (incident.reportsInWindow < threshold) return 0
  return enqueueIncidentAlert(sql, { incidentId: incident.id, label: incident.label, count: incident.reportsInWindow, windowMinutes, path: incident.path })
}

/**
 * After a report joined an incident, in the report's savepoint: counts the incident's reports within
 * the window and, at the threshold, queues the alert. Once alerted (any member's row exists) it
 * stops counting. Below the threshold the count stops at the threshold: a back-to-school incident
 * holds thousands of reports in its window, and while nobody wants alerts (so none is ever queued)
 * every report that joins it comes here. The exact count, for the alert's text, is read once there
 * is someone to tell.
 */
export async function alertIfIncidentDue(
  sql: Sql,
  incident: { id: string; category: string; variant: string | null },
  now = new Date(),
): Promise<number> {
  const prefix = `incident-alert:${incident.id}:`
  const [alerted] = await sql.rows(Prisma.sql`SELECT 1 FROM "OutboxMessage" WHERE "dedupeKey" >= ${prefix} AND "dedupeKey" < ${`${prefix}\uffff`} LIMIT 1`)
  if (alerted) return 0
  const { threshold, windowMinutes } = incidentAlertRule()
  const since = storedDate(new Date(now.getTime() - windowMinutes * 60_000))
  const inWindow = async (upTo: Prisma.Sql) => {
    const [row] = await sql.rows<{ n: number | bigint }>(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "Ticket" WHERE "incidentId" = ${incident.id} AND "createdAt" >= ${since} ${upTo}) AS "inWindow"`,
    )
    return Number(row?.n ?? 0)
  }
  if ((await inWindow(Prisma.sql`LIMIT ${threshold}`)) < threshold) return 0
  const [recipient] = await sql.rows(Prisma.sql`SELECT 1 ${alertRecipients()} LIMIT 1`)
  if (!recipient) return 0
  const category = incident.category as CategoryCode
  const label = getVariant(category, incident.variant ?? undefined)?.label ?? getEntry(category).label
  const path = `/admin/incidents/${encodeURIComponent(incident.id)}`
  return alertIfIncidentReachedThreshold(sql, { id: incident.id, label, path, reportsInWindow: await inWindow(Prisma.empty) })
}
