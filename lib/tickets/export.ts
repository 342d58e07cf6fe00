import 'server-only'
import crypto from 'node:crypto'
import type { Viewer } from '@/lib/auth/viewer'
import { profileLabels, type ProfileCode } from '@/lib/catalogue/types'
import { csvChunk, parisDateTime, type CsvValue } from '@/lib/csv'
import { readRows } from '@/lib/db'
import { groupCommit } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { invalidInput, ok, type Result } from '@/lib/result'
import { sqlDialect } from '@/lib/sql-dialect'
import { storedDate } from '@/lib/time/stored-date'
import { ABOVE_EVERY_ID } from './cursor'
import { filterConditions, whereClause } from './filters'
import { labelForCategory } from './labels'
import { ticketListQuerySchema, filterFromQuery, type TicketFilter } from './schemas'
import { ticketSearchSource } from './search'
import { isTicketStatus, statusLabels } from './status'

// The queue as a CSV file (issue 16), for the same filters as the queue's URL. Streamed: one keyset
// page of PAGE rows at a time (newest first, like the queue), each read under the gate on our own
// connection, so 1,000,000 rows never sit in memory and reports keep being written in between.
// Only what an agent sees on a ticket's page; never the tracking token's hash or the internal ids.
//
// The export is recorded in each exported ticket's history (an EXPORTED event by its author, with
// no data, only the export's id to group them), as privacy exports are: the issue asks for it in
// the ticket events, and only a per-ticket record answers "who took this person's report out of
// Relais?". Cost: one event row per ticket, written per page in one group commit (one fsync for
// PAGE rows), BEFORE the page is sent, so no row leaves unrecorded. A full 1,000,000-row export adds
// 1,000,000 event rows (~60 MB); that is the price of the audit trail, measured in bench/RESULTS.md.

const PAGE = 1000

const header = [
  'reference', 'recu_le', 'statut', 'categorie', 'categorie_automatique', 'confiance', 'profil', 'nom_complet', 'email',
  'identifiant', 'ent', 'identifiant_ent', 'etablissement', 'adresse', 'survenu_le', 'message', 'responsable', 'priorite',
  'message_usager', 'premiere_action_le', 'mis_a_jour_le', 'clos_le',
]

interface ExportRow {
  id: number
  reference: string
  createdAt: string
  status: string
  category: string
  autoCategory: string
  confidence: number
  profile: string
  fullName: string
  email: string | null
  login: string | null
  entName: string | null
  entLogin: string | null
  establishment: string | null
  url: string | null
  occurredAt: string
  message: string
  assigneeName: string | null
  priority: number
  publicMessage: string | null
  firstActionAt: string | null
  updatedAt: string
  closedAt: string | null
}

function toLine(r: ExportRow): CsvValue[] {
  return [
    r.reference, parisDateTime(r.createdAt), isTicketStatus(r.status) ? statusLabels[r.status] : r.status, labelForCategory(r.category),
    labelForCategory(r.autoCategory), r.confidence, profileLabels[r.profile as ProfileCode] ?? r.profile, r.fullName, r.email, r.login,
    r.entName, r.entLogin, r.establishment, r.url, parisDateTime(r.occurredAt), r.message, r.assigneeName, r.priority, r.publicMessage,
    parisDateTime(r.firstActionAt), parisDateTime(r.updatedAt), parisDateTime(r.closedAt),
  ]
}

/** One page after `beforeId` (newest first), the search index driving when there is a search. */
function pageQuery(viewer: Viewer, filter: TicketFilter, beforeId: number): Prisma.Sql {
  const { q, ...others } = filter
  const search = q ? ticketSearchSource(q) : null
  const conditions = search
    ? [search.match, Prisma.sql`${search.id} < ${beforeId}`, ...filterConditions(viewer, others)]
    : [...filterConditions(viewer, filter), Prisma.sql`t."id" < ${beforeId}`]
  if (q && !search) conditions.push(sqlDialect().never) // punctuation alone finds nothing, as in the queue
  return Prisma.sql`
    SELECT t."id", t."reference", t."createdAt", t."status", t."category", t."autoCategory", t."confidence", t."profile",
      t."fullName", t."email", t."login", t."entName", t."entLogin", t."establishment", t."url", t."occurredAt", t."message",
      s."name" AS "assigneeName", t."priority", t."publicMessage", t."firstActionAt", t."updatedAt", t."closedAt"
    FROM ${search ? search.from : Prisma.sql`"Ticket" t`} LEFT JOIN "StaffUser" s ON s."id" = t."assigneeId"
    ${whereClause(conditions)}
    ORDER BY ${search ? search.id : Prisma.sql`t."id"`} DESC
    LIMIT ${PAGE}`
}

/** Records the export of these tickets in their histories (no data: the export's id only). */
async function recordExport(viewer: Viewer, exportId: string, ids: number[]): Promise<void> {
  const after = JSON.stringify({ format: 'csv', export: exportId })
  await groupCommit((sql) =>
    sql.run(Prisma.sql`INSERT INTO "TicketEvent" ("ticketId", "actorId", "type", "after", "createdAt")
      SELECT i."value", ${viewer.id}, 'EXPORTED', ${after}, ${storedDate(new Date())} FROM (${sqlDialect().integerRows(ids)}) AS i`),
  )
}

/**
 * The queue's tickets for `input` (the queue's URL parameters; cursor, sort and limit are ignored)
 * as a stream of CSV text: the BOM and header line, then one line per ticket, newest first.
 */
export function exportTicketsCsv(viewer: Viewer, input: unknown): Result<ReadableStream<Uint8Array>> {
  const parsed = ticketListQuerySchema.safeParse({ ...(input as object), cursor: undefined, limit: undefined, sort: undefined })
  if (!parsed.success) return invalidInput(parsed.error)
  const filter = filterFromQuery(parsed.data)
  const exportId = crypto.randomUUID()
  const encoder = new TextEncoder()
  let beforeId = ABOVE_EVERY_ID
  let first = true
  return ok(
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        const rows = await readRows<ExportRow>(pageQuery(viewer, filter, beforeId))
        if (rows.length > 0) await recordExport(viewer, exportId, rows.map((r) => r.id))
        controller.enqueue(encoder.encode(csvChunk(rows.map(toLine), first ? header : undefined)))
        first = false
        if (rows.length < PAGE) controller.close()
        else beforeId = rows.at(-1)!.id
      },
    }, { highWaterMark: 0 }), // nothing is read (nor recorded) before the client asks for it
  )
}
