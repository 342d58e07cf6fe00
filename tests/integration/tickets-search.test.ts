import { beforeAll, describe, expect, it } from 'vitest'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { createReport } from '@/lib/reports/mutations'
import { erasePersonalData } from '@/lib/privacy/person-data'
import { countTicketFacets } from '@/lib/tickets/facets'
import { listTickets } from '@/lib/tickets/list'
import { ftsMatchExpression } from '@/lib/tickets/search'
import { createStaff, createTicketRow, createTicketRows } from '../support/factories'

// The queue's full-text search (SQLite: FTS5 index "ticket_fts", kept in step by triggers on
// "Ticket"; PostgreSQL: a GIN index over an expression of the same columns, lib/sql-dialect.ts).

let agent: Viewer
let admin: Viewer

async function search(q: string, extra: Record<string, string> = {}): Promise<string[]> {
  const result = await listTickets(agent, { q, limit: '100', ...extra })
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.value.items.map((t) => t.reference)
}

async function integrityCheck() {
  // PostgreSQL: an expression index is maintained by the server with the row; there is no separate
  // table to drift (the searches around each call check what it finds).
  if (process.env.RELAIS_TEST_DATABASE === 'postgresql') return
  // Compares every indexed term with the content of "Ticket" (rank 1: against the content table).
  await db.$executeRawUnsafe(`INSERT INTO "ticket_fts" ("ticket_fts", "rank") VALUES ('integrity-check', 1)`)
}

beforeAll(async () => {
  agent = await createStaff()
  admin = await createStaff({ role: 'ADMIN' })
})

describe('ftsMatchExpression', () => {
  it('quotes every word, ANDs them, makes the last one a prefix when it has 2+ characters', () => {
    expect(ftsMatchExpression('Hélène  Dupré')).toBe('"hélène" AND "dupré"*')
    expect(ftsMatchExpression("O'Brien")).toBe('"o" AND "brien"*')
    expect(ftsMatchExpression("Brien O'")).toBe('"brien" AND "o"')
    expect(ftsMatchExpression('RL-7K3F-9Q2M')).toBe('"rl" AND "7k3f" AND "9q2m"*')
  })

  it('lets no FTS5 syntax through and gives null without a word', () => {
    expect(ftsMatchExpression('"a" OR b* NEAR(c d) message:e ^f -g +h')).toBe(
      '"a" AND "or" AND "b" AND "near" AND "c" AND "d" AND "message" AND "e" AND "f" AND "g" AND "h"',
    )
    for (const q of ['', '   ', '"', '*', '%_-', '()', ':^']) expect(ftsMatchExpression(q)).toBeNull()
  })
})

describe('queue search (FTS5)', () => {
  it('ignores accents and case, in both directions', async () => {
    const t = await createTicketRow({ fullName: 'Hélène Dupré-Lefèvre', message: 'Le réseau est indisponible' })
    for (const q of ['Helene', 'HÉLÈNE', 'helene dupre', 'lefevre', 'reseau', 'RÉSEAU']) expect(await search(q)).toContain(t.reference)
    const plain = await createTicketRow({ fullName: 'Helene Martin' })
    expect(await search('Hélène')).toEqual(expect.arrayContaining([t.reference, plain.reference]))
  })

  it('matches whole words in any order and any field, the last word as a prefix, never mid-word', async () => {
    const t = await createTicketRow({ fullName: 'Maëlys Kowalczyk', login: 'mkowal42', message: 'Espace parents inaccessible' })
    for (const q of ['Kowal', 'maë', 'maelys kowalcz', 'inaccessible mkowal', 'kowalczyk maelys', 'PARENTS espace maelys ko'])
      expect(await search(q), q).toContain(t.reference)
    for (const q of ['owalczyk', 'kowalczykz', 'maelys dupont', 'kowal maelys', 'mkowal42 k'])
      expect(await search(q), q).not.toContain(t.reference)
  })

  it('finds a ticket by its reference, whole or started, any case', async () => {
    const t = await createTicketRow({ reference: 'RL-7K3F-9Q2M' })
    for (const q of ['RL-7K3F-9Q2M', 'rl-7k3f-9q2m', 'RL-7K3F', ' RL 7K3F 9Q2M ']) expect(await search(q)).toEqual([t.reference])
  })

  it('searches e-mail and ENT login too', async () => {
    const t = await createTicketRow({ email: 'zephyrin.quatrebarbes@exemple.fr', entLogin: 'zquatreb.ent' })
    expect(await search('zephyrin.quatrebarbes@exemple.fr')).toEqual([t.reference])
    expect(await search('zquatreb')).toEqual([t.reference])
  })

  it('treats FTS5 operators typed by the agent as plain words, and punctuation alone as no match', async () => {
    const t = await createTicketRow({ message: 'Erreur NEAR du serveur OR absent' })
    expect(await search('"near" OR (serveur*)')).toEqual([t.reference])
    for (const q of ['"', '*', 'NOT', 'AND', '^', 'message:', '-']) {
      const result = await listTickets(agent, { q })
      expect(result.ok).toBe(true)
    }
    expect(await search('%%')).toEqual([])
  })

  it('keeps the index in step with updates and deletes', async () => {
    const t = await createTicketRow({ fullName: 'Anatole Vercingétorix' })
    expect(await search('vercingetorix')).toEqual([t.reference])
    // A status change does not touch searched columns; the ticket is still found.
    await db.ticket.update({ where: { id: t.id }, data: { status: 'IN_PROGRESS' } })
    expect(await search('anatole', { status: 'IN_PROGRESS' })).toEqual([t.reference])
    await db.ticket.update({ where: { id: t.id }, data: { fullName: 'Anatole Brassens' } })
    expect(await search('vercingetorix')).toEqual([])
    expect(await search('brassens')).toEqual([t.reference])
    await db.ticket.delete({ where: { id: t.id } })
    expect(await search('brassens')).toEqual([])
    await integrityCheck()
  })

  it('no longer finds a ticket by personal data once it is anonymised (erasure on request)', async () => {
    const t = await createTicketRow({
      fullName: 'Barnabé Quintilien',
      email: 'barnabe.quintilien@exemple.fr',
      login: 'bquintilien',
      message: 'Mot de passe de Barnabé refusé',
    })
    expect(await search('quintilien')).toEqual([t.reference])
    const erased = await erasePersonalData(admin, { kind: 'email', value: 'barnabe.quintilien@exemple.fr' })
    expect(erased.ok).toBe(true)
    const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } })
    expect(row.anonymizedAt).not.toBeNull()
    for (const q of ['quintilien', 'barnabe', 'bquintilien', 'barnabe.quintilien@exemple.fr']) expect(await search(q)).toEqual([])
    expect(await search(t.reference)).toEqual([t.reference]) // the reference is not personal data
    await integrityCheck()
  })

  it('indexes reports filed through createReport', async () => {
    const created = await createReport({
      message: 'Impossible de me connecter, identifiant refusé depuis hier',
      fullName: 'Philémon Archambault',
      profile: 'PARENT',
      login: 'parchambault',
    })
    if (!created.ok) throw new Error(JSON.stringify(created))
    expect(await search('philemon archambault')).toEqual([created.value.reference])
    expect(await search(created.value.reference)).toEqual([created.value.reference])
  })

  it('pages newest first through many hits, combined with filters and counts', async () => {
    const made: { reference: string; status: string }[] = []
    for (let i = 0; i < 23; i++) {
      const status = i % 3 === 0 ? 'RESOLVED' : 'NEW'
      const t = await createTicketRow({ message: `Page blanche gribouillis numéro ${i}`, status })
      made.push({ reference: t.reference, status })
    }
    const newestFirst = [...made].reverse()
    for (const [extra, want] of [
      [{}, newestFirst],
      [{ status: 'RESOLVED' }, newestFirst.filter((t) => t.status === 'RESOLVED')],
    ] as const) {
      const got: string[] = []
      let cursor: string | null = null
      do {
        const page = await listTickets(agent, { q: 'gribouil', limit: '4', ...extra, ...(cursor ? { cursor } : {}) })
        if (!page.ok) throw new Error(JSON.stringify(page))
        got.push(...page.value.items.map((t) => t.reference))
        cursor = page.value.nextCursor
      } while (cursor)
      expect(got).toEqual(want.map((t) => t.reference))
    }
    const facets = await countTicketFacets(agent, { q: 'gribouillis' })
    expect(facets.total).toEqual({ count: 23, capped: false })
    expect(facets.byStatus.RESOLVED).toEqual({ count: 8, capped: false })
    expect(facets.byStatus.NEW).toEqual({ count: 15, capped: false })
    expect((await countTicketFacets(agent, { q: '---' })).total).toEqual({ count: 0, capped: false })
  })
})

// PostgreSQL reads a newest-first search page in up to three steps (lib/tickets/search-page.ts):
// the newest 2,000 tickets, else the index's hits below them when there are at most 5,000, else a
// walk below them. SQLite reads several words' hits forwards first when there are at most 200,
// else walks backwards. Each way must give the same pages as one ordered scan would.
describe('queue search across many tickets', () => {
  async function allPages(q: string, extra: Record<string, string> = {}): Promise<string[]> {
    const got: string[] = []
    let cursor: string | null = null
    do {
      const page = await listTickets(agent, { q, limit: '7', ...extra, ...(cursor ? { cursor } : {}) })
      if (!page.ok) throw new Error(JSON.stringify(page))
      got.push(...page.value.items.map((t) => t.reference))
      cursor = page.value.nextCursor
    } while (cursor)
    return got
  }

  it('pages a rare word and a word common only in old tickets in order, below the newest 2,000', async () => {
    const status = (i: number) => (i % 4 === 0 ? 'RESOLVED' : 'NEW')
    // Oldest: 5,100 with "vieuxmot" (more than the index probe takes), two of them with "ozanam".
    const old = await createTicketRows(5_100, (i) => ({
      message: `Erreur vieuxmot ${i}${i === 10 || i === 4_000 ? ' ozanam' : ''}`,
      status: status(i),
    }))
    await createTicketRows(2_050)
    const newest = await createTicketRow({ fullName: 'Frédéric Ozanam', status: 'RESOLVED' })

    expect(await allPages('ozanam')).toEqual([newest.reference, old[4_000], old[10]])
    expect(await allPages('ozanam', { status: 'RESOLVED' })).toEqual([newest.reference, old[4_000]])
    const oldNewestFirst = [...old].reverse()
    const firstPages = await listTickets(agent, { q: 'vieuxmot', limit: '25' })
    if (!firstPages.ok) throw new Error(JSON.stringify(firstPages))
    expect(firstPages.value.items.map((t) => t.reference)).toEqual(oldNewestFirst.slice(0, 25))
    const resolvedOld = oldNewestFirst.filter((_, i) => status(old.length - 1 - i) === 'RESOLVED')
    const resolvedPage = await listTickets(agent, { q: 'vieuxmot', status: 'RESOLVED', limit: '30' })
    if (!resolvedPage.ok) throw new Error(JSON.stringify(resolvedPage))
    expect(resolvedPage.value.items.map((t) => t.reference)).toEqual(resolvedOld.slice(0, 30))
    // A cursor inside the old tickets goes on below it.
    const next = await listTickets(agent, { q: 'vieuxmot', limit: '25', cursor: firstPages.value.nextCursor! })
    if (!next.ok) throw new Error(JSON.stringify(next))
    expect(next.value.items.map((t) => t.reference)).toEqual(oldNewestFirst.slice(25, 50))

    // Several words: rare together (from their hits), common together (walked), a cursor and a
    // filter on each; "vieuxmot 40" is "40" started: tickets 40, 400–409 and 4,000–4,099.
    expect(await allPages('erreur ozanam')).toEqual([old[4_000], old[10]])
    expect(await allPages('ozanam erreur', { status: 'NEW' })).toEqual([old[10]])
    const started = oldNewestFirst.filter((_, i) => String(old.length - 1 - i).startsWith('40'))
    expect(started).toHaveLength(111)
    expect(await allPages('vieuxmot 40')).toEqual(started)
    expect(await allPages('erreur vieuxmot 40', { status: 'RESOLVED' })).toEqual(
      started.filter((ref) => status(old.indexOf(ref)) === 'RESOLVED'),
    )
    const common = await listTickets(agent, { q: 'erreur vieuxmot', limit: '25', cursor: firstPages.value.nextCursor! })
    if (!common.ok) throw new Error(JSON.stringify(common))
    expect(common.value.items.map((t) => t.reference)).toEqual(oldNewestFirst.slice(25, 50))
  })
})
