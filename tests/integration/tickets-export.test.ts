import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { GET as exportGET } from '@/app/api/admin/tickets/export/route'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { createReport } from '@/lib/reports/mutations'
import { countTicketFacets, invalidateTicketCounts } from '@/lib/tickets/facets'
import { filterFromQuery, ticketListQuerySchema } from '@/lib/tickets/schemas'
import { createStaff, createTicketRow } from '@/tests/support/factories'
import { sessionCookie } from '@/tests/support/session'

// GET /api/admin/tickets/export (issue 16): the queue's tickets for its filters as a CSV for French
// spreadsheets, that csv-parse reads back into the same rows, one line per ticket the queue counts.

let agent: Viewer

async function exportCsv(search: string, viewer = agent): Promise<{ res: Response; bytes: Buffer; rows: Record<string, string>[] }> {
  const res = await exportGET(new Request(`http://localhost/api/admin/tickets/export?${search}`, { headers: { cookie: await sessionCookie(viewer) } }))
  const bytes = Buffer.from(await res.arrayBuffer())
  const rows = res.status === 200 ? (parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[]) : []
  return { res, bytes, rows }
}

async function queueCount(search: string): Promise<number> {
  invalidateTicketCounts()
  const query = ticketListQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)))
  const facets = await countTicketFacets(agent, filterFromQuery(query))
  expect(facets.total.capped).toBe(false)
  return facets.total.count
}

beforeAll(async () => {
  agent = await createStaff()
  // More than one page of the export (1,000 rows), in one establishment.
  for (let i = 0; i < 1005; i++) await createTicketRow({ establishment: 'Lycée Export', category: i % 3 ? 'BAD_CREDENTIALS' : 'WRONG_ADDRESS' })
  await createReport({ message: '=HYPERLINK("http://evil.example";"clic") mot de passe incorrect', fullName: '@Camille; "Dupont"\nDeux', establishment: 'Collège Formules' })
  await createReport({ message: '-2+3 identifiant incorrect', fullName: '+Nina', email: 'nina@example.test', establishment: 'Collège Formules' })
})

describe('GET /api/admin/tickets/export', () => {
  it('is a UTF-8 CSV with a BOM, `;`, Paris dates, as a download', async () => {
    const { res, bytes, rows } = await exportCsv('establishment=Collège Formules')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="signalements-\d{4}-\d{2}-\d{2}\.csv"$/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8').split('\r\n')[0]).toContain('reference;recu_le;statut;categorie')
    const tickets = await db.ticket.findMany({ where: { establishment: 'Collège Formules' }, orderBy: { id: 'desc' } })
    expect(rows.map((r) => r.reference)).toEqual(tickets.map((t) => t.reference))
    const paris = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' })
    expect(rows[0]!.recu_le).toBe(paris.format(tickets[0]!.createdAt))
  })

  it('round-trips through csv-parse with the same rows, formulas neutralised', async () => {
    const { rows } = await exportCsv('establishment=Collège Formules')
    const tickets = await db.ticket.findMany({ where: { establishment: 'Collège Formules' }, orderBy: { id: 'desc' } })
    // A cell a spreadsheet would evaluate starts with an apostrophe; everything else is as stored.
    const shown = (v: string | null) => (v === null ? '' : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v)
    expect(rows.map((r) => [r.reference, r.message, r.nom_complet, r.email, r.etablissement])).toEqual(
      tickets.map((t) => [t.reference, shown(t.message), shown(t.fullName), shown(t.email), t.establishment]),
    )
    expect(rows.find((r) => r.message?.includes('HYPERLINK'))?.message?.startsWith("'=")).toBe(true)
    expect(rows.find((r) => r.nom_complet?.includes('Camille'))?.nom_complet).toBe('\'@Camille; "Dupont"\nDeux')
  })

  it('has one line per ticket the queue counts for the same filters, across pages', async () => {
    for (const search of ['establishment=Lycée Export', 'establishment=Lycée Export&category=WRONG_ADDRESS', 'q=incorrect&establishment=Collège Formules', 'age=lt1h&status=NEW']) {
      const { res, bytes, rows } = await exportCsv(search)
      expect(res.status, search).toBe(200)
      expect(rows.length, search).toBe(await queueCount(search))
      expect(new Set(rows.map((r) => r.reference)).size).toBe(rows.length)
      // Header + one CRLF-terminated line per ticket (no newline inside these cells).
      if (!search.includes('Formules')) expect(bytes.toString('utf8').split('\r\n').length - 2, search).toBe(rows.length)
    }
    expect((await exportCsv('establishment=Lycée Export')).rows).toHaveLength(1005)
  })

  it('takes only what an agent sees, and records the export in each ticket history, without the data', async () => {
    const viewer = await createStaff({ name: 'Agent Export' })
    const { rows } = await exportCsv('establishment=Collège Formules', viewer)
    expect(Object.keys(rows[0]!)).not.toEqual(expect.arrayContaining(['trackingTokenHash']))
    for (const column of Object.keys(rows[0]!)) expect(column).not.toMatch(/token|hash|evidence|version|^id$/i)
    const events = await db.ticketEvent.findMany({ where: { actorId: viewer.id }, include: { ticket: { select: { reference: true } } } })
    expect(events.map((e) => e.ticket.reference).sort()).toEqual(rows.map((r) => r.reference).sort())
    for (const e of events) {
      expect(e.type).toBe('EXPORTED')
      expect(e.before).toBeNull()
      expect(e.note).toBeNull()
      expect(Object.keys(JSON.parse(e.after!) as object).sort()).toEqual(['export', 'format'])
    }
    expect(new Set(events.map((e) => e.after)).size).toBe(1) // one export id groups them
    const ticket = await db.ticket.findFirstOrThrow({ where: { establishment: 'Collège Formules' } })
    expect(ticket.firstActionAt).toBeNull() // an export is not an action on the ticket
  })

  it('refuses the queue’s invalid filters with the same French messages', async () => {
    const { res, bytes } = await exportCsv('status=PERDU&from=2026-02-30')
    expect(res.status).toBe(400)
    const body = JSON.parse(bytes.toString('utf8')) as { issues: { path: string[]; message: string }[] }
    expect(body.issues.map((i) => i.path[0]).sort()).toEqual(['from', 'status'])
    const anonymous = await exportGET(new Request('http://localhost/api/admin/tickets/export'))
    expect(anonymous.status).toBe(401)
  })
})
