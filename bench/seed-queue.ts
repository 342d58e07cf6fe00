// Seeds N tickets with a realistic mix straight into the migrated schema with better-sqlite3:
// categories, profiles, establishments, statuses that depend on age, assignees, and creation dates
// over three school years with the rentrée peaks. Ids grow with createdAt, as in production.
// Usage: tsx bench/seed-queue.ts <sqlite file> [count]

import Database from 'better-sqlite3'
import crypto from 'node:crypto'
import path from 'node:path'
import { categoryWeights, establishments, messagesByCategory, pick, profileWeights, rng, weighted } from './bodies'
import type { CategoryCode } from '../lib/catalogue/types'
import { rebuildCountsSql } from '../lib/tickets/hour-count-sql'
import { prismaDate } from './raw-store'

const DAY = 86_400_000


/** Relative ticket volume per calendar month (0 = January): peaks at the rentrée, little in summer. */
const monthWeight = [1.2, 1, 0.9, 0.8, 0.8, 0.7, 0.4, 0.3, 5, 2.2, 1.4, 1.1]

/** Sorted creation times: from 1 September three school years ago until now. */
function creationTimes(count: number, random: () => number, now: number): Float64Array {
  const y = new Date(now).getUTCFullYear()
  const thisYearStart = new Date(now).getUTCMonth() >= 8 ? y : y - 1
  const start = Date.UTC(thisYearStart - 2, 8, 1)
  const days = Math.floor((now - start) / DAY)
  const cumulative = new Float64Array(days)
  let sum = 0
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * DAY)
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.5 : 1
    sum += monthWeight[date.getUTCMonth()]! * weekend
    cumulative[d] = sum
  }
  const out = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const x = random() * sum
    let lo = 0
    let hi = days - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    // 7:00–22:59 local-ish hours
    out[i] = Math.min(now - 1000, start + lo * DAY + (7 * 3600 + random() * 16 * 3600) * 1000)
  }
  return out.sort()
}

function statusFor(ageDays: number, r: number): string {
  if (ageDays > 30) return r < 0.86 ? 'RESOLVED' : r < 0.96 ? 'REJECTED' : r < 0.98 ? 'WAITING_USER' : 'IN_PROGRESS'
  return r < 0.4 ? 'NEW' : r < 0.65 ? 'IN_PROGRESS' : r < 0.8 ? 'WAITING_USER' : r < 0.95 ? 'RESOLVED' : 'REJECTED'
}

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/**
 * RL-XXXX-XXXX references (the app's Crockford alphabet), unique per index: an odd multiplier is a
 * bijection on 40 bits, so the seeded references look random but never collide.
 */
export function seededReference(i: number): string {
  let n = BigInt.asUintN(40, BigInt(i) * 0x9e3779b97fn + 0x5bd1e995n)
  let s = ''
  for (let k = 0; k < 8; k++) {
    s = alphabet[Number(n & 31n)] + s
    n >>= 5n
  }
  return `RL-${s.slice(0, 4)}-${s.slice(4)}`
}

export const OPEN_INCIDENTS = [
  { key: 'SERVER_NOT_PUBLISHED', category: 'SERVER_NOT_PUBLISHED', variant: null, profile: null },
  { key: 'SITE_UNAVAILABLE', category: 'SITE_UNAVAILABLE', variant: null, profile: null },
  { key: 'ESPACE_ACCESS_DISABLED:PARENT', category: 'ESPACE_ACCESS_DISABLED', variant: 'PARENT', profile: 'PARENT' },
  { key: 'WRONG_ADDRESS:pronote.exemple.fr', category: 'WRONG_ADDRESS', variant: 'pronote.exemple.fr', profile: null },
] as const
export const OPEN_MEMBERS = 2_500
export const RESOLVED_INCIDENTS = 200
export const RESOLVED_MEMBERS = 50

/**
 * Incidents as a rentrée leaves them (issue 13): four OPEN incidents on top of the queue, each with
 * the latest 2,500 open tickets of its cause, and 200 RESOLVED ones in the past with 50 closed
 * tickets each. Tickets are attached in the indexed table, as lib/incidents/join.ts would have.
 */
function seedIncidents(sqlite: Database.Database, now: number) {
  const insert = sqlite.prepare(`INSERT INTO Incident (id, key, category, variant, status, published, publicMessage, publishedAt,
    resolvedAt, resolutionMessage, firstReportAt, lastReportAt, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const openMembers = sqlite.prepare(`UPDATE Ticket SET incidentId = ? WHERE id IN (SELECT id FROM Ticket
    WHERE category = ? AND (? IS NULL OR profile = ?) AND status IN ('NEW', 'IN_PROGRESS', 'WAITING_USER') AND incidentId IS NULL
    ORDER BY id DESC LIMIT ${OPEN_MEMBERS})`)
  const closedMembers = sqlite.prepare(`UPDATE Ticket SET incidentId = ? WHERE id IN (SELECT id FROM Ticket
    WHERE category = ? AND createdAt >= ? AND status IN ('RESOLVED', 'REJECTED') AND incidentId IS NULL
    ORDER BY createdAt, id LIMIT ${RESOLVED_MEMBERS})`)
  const dates = sqlite.prepare(`UPDATE Incident SET firstReportAt = coalesce((SELECT min(createdAt) FROM Ticket WHERE incidentId = Incident.id), firstReportAt),
    lastReportAt = coalesce((SELECT max(createdAt) FROM Ticket WHERE incidentId = Incident.id), lastReportAt)`)
  const resolvedAfter = sqlite.prepare(`UPDATE Incident SET resolvedAt = lastReportAt WHERE status = 'RESOLVED'`)
  const at = prismaDate(now)
  sqlite.transaction(() => {
    for (const [i, o] of OPEN_INCIDENTS.entries()) {
      const id = `benchincidentopen${i}`
      insert.run(id, o.key, o.category, o.variant, 'OPEN', i % 2, i % 2 ? 'Le problème est connu, nous y travaillons.' : null, i % 2 ? at : null, null, null, at, at, at, at)
      openMembers.run(id, o.category, o.profile, o.profile)
    }
    for (let k = 0; k < RESOLVED_INCIDENTS; k++) {
      const id = `benchincidentresolved${k}`
      const o = OPEN_INCIDENTS[k % OPEN_INCIDENTS.length]!
      const since = prismaDate(now - (k + 30) * 4 * DAY)
      insert.run(id, o.key, o.category, o.variant, 'RESOLVED', 0, null, null, since, 'Corrigé côté établissement.', since, since, since, since)
      closedMembers.run(id, o.category, since)
    }
    dates.run()
    resolvedAfter.run()
  })()
}

/** The columns of a seeded ticket, in the order of `ticketRows`' values. */
export const ticketColumns = ['reference', 'trackingTokenHash', 'message', 'fullName', 'profile', 'email', 'establishment', 'login', 'entName',
  'entLogin', 'url', 'occurredAt', 'category', 'autoCategory', 'variant', 'confidence', 'evidence', 'status', 'priority', 'assigneeId',
  'version', 'createdAt', 'updatedAt', 'closedAt', 'firstActionAt'] as const
/** The date columns of `ticketColumns`: their values are epoch milliseconds (or null). */
export const ticketDateColumns: ReadonlySet<string> = new Set(['occurredAt', 'createdAt', 'updatedAt', 'closedAt', 'firstActionAt'])
export type SeedValue = string | number | null

/**
 * The seeded tickets, oldest first, as values in `ticketColumns` order: the one generator of both
 * seeds (SQLite here, PostgreSQL in seed-queue-postgres.ts), so both hold the same tickets.
 */
export function* ticketRows(count: number, seed: number, now: number, staffIds: string[]): Generator<SeedValue[]> {
  const random = rng(seed)
  const times = creationTimes(count, random, now)
  for (let i = 0; i < count; i++) {
    const created = times[i]!
    const ageDays = (now - created) / DAY
    const autoCategory = weighted(categoryWeights, random())
    const category: CategoryCode = random() < 0.05 ? weighted(categoryWeights, random()) : autoCategory
    const message = pick(messagesByCategory[autoCategory], random())
    const status = statusFor(ageDays, random())
    const closed = status === 'RESOLVED' || status === 'REJECTED'
    const touched = status !== 'NEW'
    const updated = touched ? Math.min(now, created + random() * 5 * DAY) : created
    const signal = message.slice(0, Math.min(message.length, 48))
    const evidence = autoCategory === 'UNKNOWN' ? '[]' : JSON.stringify([{ text: signal, signal, category: autoCategory, start: 0, end: signal.length }])
    const viaEnt = autoCategory === 'ENT_IDENTITY_MISMATCH' || random() < 0.3
    yield [
      seededReference(i),
      crypto.createHash('sha256').update(`bench-${seed}-${i}`).digest('hex'),
      message,
      `Personne ${i.toString(36)}`,
      weighted(profileWeights, random()),
      random() < 0.6 ? `personne.${i.toString(36)}@example.org` : null,
      random() < 0.8 ? pick(establishments, random()) : null,
      random() < 0.5 ? `login${i}` : null,
      viaEnt ? 'monlycee.net' : null,
      viaEnt ? `ent.${i.toString(36)}` : null,
      null,
      created - random() * 3_600_000,
      category,
      autoCategory,
      null,
      autoCategory === 'UNKNOWN' ? 0.2 : 0.6 + random() * 0.39,
      evidence,
      status,
      random() < 0.05 ? 1 : 0,
      touched ? pick(staffIds, random()) : null,
      touched ? 2 : 1,
      created,
      updated,
      closed ? updated : null,
      // First action somewhere between creation and the last update, from the index alone so the
      // random stream (and every other column) stays as before this column existed.
      touched ? created + (updated - created) * (((i * 2_654_435_761) % 1000) / 1000) : null,
    ]
  }
}

export interface SeedResult {
  tickets: number
  seconds: number
  staffIds: string[]
}

export function seedQueue(file: string, count: number, seed = 42): SeedResult {
  const t0 = performance.now()
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = OFF') // the bench's own bulk load, not a user's report
  sqlite.pragma('cache_size = -262144')
  const now = Date.now()
  const staffIds = Array.from({ length: 6 }, (_, i) => `benchagent${i}`)
  const insertStaff = sqlite.prepare(
    `INSERT OR IGNORE INTO StaffUser (id, email, name, role, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, 'AGENT', 'unusable', ?, ?)`,
  )
  for (const [i, id] of staffIds.entries()) insertStaff.run(id, `agent${i}@bench.test`, `Agent ${i}`, prismaDate(now), prismaDate(now))

  const insert = sqlite.prepare(`INSERT INTO Ticket (reference, trackingTokenHash, message, fullName, profile, email,
    establishment, login, entName, entLogin, url, occurredAt, category, autoCategory, variant, confidence, evidence,
    status, priority, assigneeId, version, createdAt, updatedAt, closedAt, firstActionAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  // Indexes are dropped during the load and rebuilt from their own DDL afterwards (one sort each
  // instead of a million random B-tree inserts); the schema ends exactly as migrated.
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Ticket' AND sql IS NOT NULL`)
    .all() as { name: string; sql: string }[]
  for (const ix of indexes) sqlite.exec(`DROP INDEX "${ix.name}"`)
  // Likewise the triggers that keep an external-content full-text index on Ticket in step: the index
  // is rebuilt in one pass at the end ('rebuild' reads the table), then the triggers come back.
  const ftsTables = (
    sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`).all() as { name: string; sql: string }[]
  ).filter((t) => /content\s*=\s*'"?Ticket"?'/i.test(t.sql))
  const triggers = (
    sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Ticket'`).all() as { name: string; sql: string }[]
  ).filter((tr) => ftsTables.some((t) => tr.sql.includes(`"${t.name}"`) || new RegExp(`\\b${t.name}\\b`).test(tr.sql)))
  for (const tr of triggers) sqlite.exec(`DROP TRIGGER "${tr.name}"`)
  const batch = 50_000
  const rows = ticketRows(count, seed, now, staffIds)
  const toStored = ticketColumns.map((c) => ticketDateColumns.has(c))
  for (let from = 0; from < count; from += batch) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(count, from + batch); i++) {
        const row = rows.next().value as SeedValue[]
        insert.run(...row.map((v, k) => (toStored[k] && v !== null ? prismaDate(v as number) : v)))
      }
    })()
  }
  for (const ix of indexes) sqlite.exec(ix.sql)
  seedIncidents(sqlite, now)
  // The dashboard aggregates, as the write path keeps them (lib/tickets/hour-counts.ts).
  sqlite.exec(`DELETE FROM TicketHourCount; ${rebuildCountsSql}`)
  for (const t of ftsTables) sqlite.exec(`INSERT INTO "${t.name}" ("${t.name}") VALUES ('rebuild')`)
  for (const tr of triggers) sqlite.exec(tr.sql)
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.close()
  return { tickets: count, seconds: (performance.now() - t0) / 1000, staffIds }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const [file, count] = process.argv.slice(2)
  if (!file) throw new Error('usage: tsx bench/seed-queue.ts <sqlite file> [count]')
  console.log(seedQueue(file, Number(count ?? 1_000_000)))
}
