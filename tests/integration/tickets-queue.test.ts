import { beforeAll, describe, expect, it } from 'vitest'
import { categoryCodes, profileCodes } from '@/lib/catalogue/types'
import { db } from '@/lib/db'
import { COUNT_CAP, countTicketFacets } from '@/lib/tickets/facets'
import { listTickets } from '@/lib/tickets/list'
import type { TicketSummary } from '@/lib/tickets/dto'
import type { TicketSort } from '@/lib/tickets/schemas'
import { ticketStatuses } from '@/lib/tickets/status'
import { createStaff } from '../support/factories'
import type { Viewer } from '@/lib/auth/viewer'

// Keyset pagination and filters over a seeded queue of 12,000 tickets.

const N = 12_000
let me: Viewer
let other: Viewer

interface Seed {
  id: number
  reference: string
  status: string
  category: string
  profile: string
  establishment: string
  assigneeId: string | null
  priority: number
  createdAt: Date
  updatedAt: Date
  message: string
  fullName: string
  login: string
}
let seeds: Seed[] = []

// Deterministic pseudo-random numbers so failures reproduce.
function rng(seed: number) {
  let s = seed
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
}

beforeAll(async () => {
  me = await createStaff({ name: 'Moi' })
  other = await createStaff({ name: 'Autre' })
  const r = rng(42)
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
  const base = Date.UTC(2026, 8, 1)
  const rows = Array.from({ length: N }, (_, i) => {
    const createdAt = new Date(base + i * 60_000)
    // Many equal updatedAt values so the id tie-breaker matters.
    const updatedAt = new Date(base + Math.floor(r() * 500) * 3_600_000)
    return {
      reference: `RL-Q${String(i).padStart(6, '0')}`,
      trackingTokenHash: `h${i}`,
      message: i % 97 === 0 ? `Page blanche avec le mot ZORGLUB numéro ${i}` : 'Votre identifiant ou votre mot de passe est incorrect',
      fullName: i % 131 === 0 ? `Zoé O'Brien_${i}` : `Camille Martin ${i}`,
      profile: pick(profileCodes),
      establishment: pick(['Lycée Victor Hugo', 'Collège Jean Moulin', 'Lycée Pro 100%']),
      login: `login${i}`,
      occurredAt: createdAt,
      category: pick(categoryCodes),
      autoCategory: 'UNKNOWN',
      confidence: 0.5,
      evidence: '[]',
      status: pick(ticketStatuses),
      priority: Math.floor(r() * 4),
      assigneeId: pick([null, null, me.id, other.id]),
      createdAt,
      updatedAt,
    }
  })
  await db.ticket.createMany({ data: rows })
  const ids = await db.ticket.findMany({ select: { id: true, reference: true } })
  const idOf = new Map(ids.map((t) => [t.reference, t.id]))
  seeds = rows.map((row) => ({ ...row, id: idOf.get(row.reference)! }))
}, 120_000)

function expected(filter: (s: Seed) => boolean, sort: TicketSort): string[] {
  const key = (s: Seed): [number, number] =>
    sort === 'updated' ? [s.updatedAt.getTime(), s.id] : sort === 'priority' ? [s.priority, s.id] : [s.id, s.id]
  return seeds
    .filter(filter)
    .sort((a, b) => {
      const [ka, ia] = key(a)
      const [kb, ib] = key(b)
      return kb - ka || ib - ia
    })
    .map((s) => s.reference)
}

async function walk(query: Record<string, string>): Promise<{ pages: TicketSummary[][] }> {
  const pages: TicketSummary[][] = []
  let cursor: string | null = null
  do {
    const result = await listTickets(me, { ...query, ...(cursor ? { cursor } : {}) })
    if (!result.ok) throw new Error(JSON.stringify(result))
    pages.push(result.value.items)
    cursor = result.value.nextCursor
    if (pages.length > 2_000) throw new Error('pagination does not end')
  } while (cursor)
  return { pages }
}

function checkWalk(pages: TicketSummary[][], want: string[], limit: number) {
  const got = pages.flat().map((t) => t.reference)
  expect(new Set(got).size).toBe(got.length) // pages are disjoint
  expect(got).toEqual(want) // union is everything, in order
  for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit)
}

describe('listTickets: keyset pagination', () => {
  it.each(['created', 'updated', 'priority'] as const)('walks all %s pages, disjoint, complete and ordered', async (sort) => {
    const { pages } = await walk({ sort, limit: '100' })
    checkWalk(pages, expected(() => true, sort), 100)
  })

  it('newest first by default with 25 per page', async () => {
    const result = await listTickets(me, {})
    expect(result.ok && result.value.items.map((t) => t.reference)).toEqual(expected(() => true, 'created').slice(0, 25))
  })

  it.each([
    ['status', { status: 'NEW' }, (s: Seed) => s.status === 'NEW'],
    ['category', { category: 'WRONG_ADDRESS' }, (s: Seed) => s.category === 'WRONG_ADDRESS'],
    ['profile + establishment', { profile: 'PARENT', establishment: 'Lycée Victor Hugo' }, (s: Seed) => s.profile === 'PARENT' && s.establishment === 'Lycée Victor Hugo'],
    ['assigned to me', { assignee: 'me' }, (s: Seed) => s.assigneeId === me.id],
    ['unassigned', { assignee: 'none' }, (s: Seed) => s.assigneeId === null],
    ['a staff id', { assignee: 'OTHER' }, (s: Seed) => s.assigneeId === other.id],
    ['anyone', { assignee: 'any' }, () => true],
  ] as const)('filters by %s across pages with every sort', async (_name, query, predicate) => {
    const q = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v === 'OTHER' ? other.id : v]))
    for (const sort of ['created', 'updated', 'priority'] as const) {
      const { pages } = await walk({ ...q, sort, limit: '97' })
      const want = expected(predicate, sort)
      expect(want.length).toBeGreaterThan(0)
      checkWalk(pages, want, 97)
    }
  })

  it('filters by a date range of Paris calendar days', async () => {
    // 2026-09-02 in Paris = [2026-09-01T22:00Z, 2026-09-02T22:00Z) (summer time).
    const { pages } = await walk({ from: '2026-09-02', to: '2026-09-02', sort: 'created', limit: '100' })
    const lo = Date.UTC(2026, 8, 1, 22)
    const hi = Date.UTC(2026, 8, 2, 22)
    const want = expected((s) => s.createdAt.getTime() >= lo && s.createdAt.getTime() < hi, 'created')
    expect(want).toHaveLength(1440)
    checkWalk(pages, want, 100)
  })

  it('searches message, name, login and reference by word prefix (case-insensitive, punctuation is not syntax)', async () => {
    // Word-prefix semantics since the FTS5 index (lib/tickets/search.ts): "100%" is the word prefix
    // "100" (names "Camille Martin 100…", messages "numéro 100…"), and a query of punctuation only
    // ("_") matches nothing. Both used to be LIKE substrings.
    const words = (s: Seed) =>
      [s.reference, s.fullName, s.login, s.message].join(' ').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u)
    const cases: [string, (s: Seed) => boolean][] = [
      ['zorglub', (s) => s.message.includes('ZORGLUB')],
      ["o'brien_", (s) => s.fullName.includes("O'Brien_")],
      ['login1234', (s) => s.login.includes('login1234')],
      ['RL-Q00012', (s) => s.reference.includes('RL-Q00012')],
      ['100%', (s) => words(s).some((w) => w.startsWith('100'))],
      ['_', () => false],
    ]
    for (const [q, predicate] of cases) {
      for (const sort of ['created', 'updated'] as const) {
        const { pages } = await walk({ q, sort, limit: '50' })
        const want = expected(predicate, sort)
        if (q !== '_') expect(want.length).toBeGreaterThan(0)
        checkWalk(pages, want, 50)
      }
    }
  })

  it('combines search with filters', async () => {
    for (const sort of ['created', 'updated', 'priority'] as const) {
      const { pages } = await walk({ q: 'zorglub', status: 'RESOLVED', sort, limit: '5' })
      checkWalk(pages, expected((s) => s.message.includes('ZORGLUB') && s.status === 'RESOLVED', sort), 5)
    }
  })

  it('refuses invalid parameters with French messages', async () => {
    const bad = await listTickets(me, { status: 'OPEN', limit: '500', sort: 'random', from: '2026-13', cursor: 'x' })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.code).toBe('VALIDATION')
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(['status', 'limit', 'sort', 'from']))
    const first = await listTickets(me, { sort: 'updated', limit: '2' })
    const cursor = first.ok ? first.value.nextCursor : null
    const wrongSort = await listTickets(me, { sort: 'priority', cursor })
    expect(wrongSort).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { cursor: [expect.any(String)] } })
    expect(await listTickets(me, { cursor: 'bm90LWpzb24' })).toMatchObject({ ok: false, code: 'VALIDATION' })
  })
})

describe('countTicketFacets', () => {
  it('counts per status and category for the current filter, each facet ignoring its own filter', async () => {
    const facets = await countTicketFacets(me, { profile: 'ELEVE', category: 'BAD_CREDENTIALS' })
    const eleve = seeds.filter((s) => s.profile === 'ELEVE')
    expect(facets.total).toEqual({ count: eleve.filter((s) => s.category === 'BAD_CREDENTIALS').length, capped: false })
    for (const status of ticketStatuses) {
      const n = eleve.filter((s) => s.category === 'BAD_CREDENTIALS' && s.status === status).length
      expect(facets.byStatus[status]).toEqual({ count: n, capped: false })
    }
    for (const category of categoryCodes) {
      expect(facets.byCategory[category]).toEqual({ count: eleve.filter((s) => s.category === category).length, capped: false })
    }
  })

  it('counts a search in one pass over the newest hits: exact below the cap, lower bounds beyond it', async () => {
    const zorglub = seeds.filter((s) => s.message.includes('ZORGLUB'))
    const small = await countTicketFacets(me, { q: 'zorglub', category: 'BAD_CREDENTIALS' })
    expect(small.total).toEqual({ count: zorglub.filter((s) => s.category === 'BAD_CREDENTIALS').length, capped: false })
    for (const status of ticketStatuses) {
      const n = zorglub.filter((s) => s.category === 'BAD_CREDENTIALS' && s.status === status).length
      expect(small.byStatus[status]).toEqual({ count: n, capped: false })
    }
    for (const category of categoryCodes) {
      expect(small.byCategory[category]).toEqual({ count: zorglub.filter((s) => s.category === category).length, capped: false })
    }

    // "identifiant" is in ~99 % of the 12,000 tickets: counted over the newest COUNT_CAP hits only.
    const hits = seeds.filter((s) => s.message.includes('identifiant')).sort((a, b) => b.id - a.id)
    expect(hits.length).toBeGreaterThan(COUNT_CAP)
    const window = hits.slice(0, COUNT_CAP)
    const big = await countTicketFacets(me, { q: 'identifiant', status: 'NEW' })
    expect(big.total).toEqual({ count: window.filter((s) => s.status === 'NEW').length, capped: true })
    for (const status of ticketStatuses) {
      expect(big.byStatus[status]).toEqual({ count: window.filter((s) => s.status === status).length, capped: true })
    }
    for (const category of categoryCodes) {
      const n = window.filter((s) => s.status === 'NEW' && s.category === category).length
      expect(big.byCategory[category]).toEqual({ count: n, capped: true })
    }
  })

  it('gives the total of a chosen status as that status count, and the sum of the statuses otherwise', async () => {
    const rejected = seeds.filter((s) => s.profile === 'PARENT' && s.status === 'REJECTED')
    const chosen = await countTicketFacets(me, { profile: 'PARENT', status: 'REJECTED' })
    expect(chosen.total).toEqual({ count: rejected.length, capped: false })
    expect(chosen.byStatus.REJECTED).toEqual(chosen.total)
    const all = await countTicketFacets(me, { profile: 'PARENT', category: 'SITE_UNAVAILABLE' })
    const sum = ticketStatuses.reduce((n, status) => n + all.byStatus[status].count, 0)
    expect(all.total).toEqual({ count: sum, capped: false })
  })

  it('stops counting at the cap, for the total and for a status over it', async () => {
    const facets = await countTicketFacets(me, {})
    expect(facets.total).toEqual({ count: COUNT_CAP, capped: true })
    // No single status reaches the cap here, yet together they go past it.
    for (const status of ticketStatuses) expect(facets.byStatus[status].capped).toBe(false)
  })
})
