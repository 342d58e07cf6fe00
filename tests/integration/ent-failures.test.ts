import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { importDirectory } from '@/lib/directory/import'
import { prismaSql } from '@/lib/db-write'
import { syncTicketEntFailure } from '@/lib/ent-failures/follow'
import { LINKED_PUBLIC_MESSAGE, linkEntFailure, rejectEntFailure, reopenEntFailure } from '@/lib/ent-failures/mutations'
import { getEntFailure, getEntFailureStats, listEntFailures } from '@/lib/ent-failures/queries'
import { createStaff, createTicketRow } from '@/tests/support/factories'

const csv = [
  'Nom;Prénom;Identifiant;Profil;Classe;Né(e) le',
  'LEFÈVRE;Éloïse;elefevre;Élève;4B;12/03/2011',
  'LEFEVRE;Elise;elefevre2;Élève;5A;01/09/2012',
  'MARTIN-DUPONT;Anne-Sophie;amartindupont;Responsable;;02/02/1980',
  'NGUYEN;Minh;mnguyen;Professeur;;03/03/1975',
].join('\n')

async function entTicket(overrides: Parameters<typeof createTicketRow>[0] = {}) {
  const ticket = await createTicketRow({
    category: 'ENT_IDENTITY_MISMATCH',
    autoCategory: 'ENT_IDENTITY_MISMATCH',
    message: 'Identification impossible après connexion à l’ENT',
    profile: 'ELEVE',
    ...overrides,
  })
  const failureId = await db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), ticket.id))
  return { ticket, failureId }
}

describe('grouping reports by ENT identity', () => {
  it('joins repeat reports of one ENT identity whatever the case, accents or spaces', async () => {
    const first = await entTicket({ entName: 'Mon ENT Occitanie', entLogin: 'Eloise.Lefevre', fullName: 'Éloïse Lefèvre', createdAt: new Date('2026-09-01T08:00:00Z') })
    const second = await entTicket({ entName: ' mon  ent occitanie ', entLogin: 'éloise.lefèvre ', fullName: 'Eloise LEFEVRE', createdAt: new Date('2026-09-03T08:00:00Z') })
    expect(second.failureId).toBe(first.failureId)
    const record = await db.entFailure.findUniqueOrThrow({ where: { id: first.failureId! }, include: { events: true } })
    expect(record).toMatchObject({ identityKey: 'ent:mon ent occitanie|eloise.lefevre', weakKey: false, reportCount: 2, fullName: 'Éloïse Lefèvre', status: 'OPEN' })
    expect(record.firstReportedAt.toISOString()).toBe('2026-09-01T08:00:00.000Z')
    expect(record.lastReportedAt.toISOString()).toBe('2026-09-03T08:00:00.000Z')
    expect(record.events.map((e) => e.type)).toEqual(['CREATED', 'REPORT_ADDED'])
    // Syncing again is a no-op.
    await db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), second.ticket.id))
    expect((await db.entFailure.findUniqueOrThrow({ where: { id: first.failureId! } })).reportCount).toBe(2)
  })

  it('groups reports without an ENT login by name, establishment and profile, flagged as a weak key', async () => {
    const a = await entTicket({ fullName: 'Minh  Nguyen', establishment: 'Collège Jean Moulin', profile: 'PROFESSEUR' })
    const b = await entTicket({ fullName: 'minh nguyen', establishment: 'College Jean Moulin', profile: 'PROFESSEUR' })
    const other = await entTicket({ fullName: 'Minh Nguyen', establishment: 'College Jean Moulin', profile: 'PARENT' })
    expect(b.failureId).toBe(a.failureId)
    expect(other.failureId).not.toBe(a.failureId)
    const record = await db.entFailure.findUniqueOrThrow({ where: { id: a.failureId! } })
    expect(record).toMatchObject({ weakKey: true, reportCount: 2, identityKey: 'name:minh nguyen|college jean moulin|PROFESSEUR' })
  })

  it('leaves and rejoins records when the category changes', async () => {
    const { ticket, failureId } = await entTicket({ entName: 'Atrium', entLogin: 'change.cat', fullName: 'Paul Change' })
    await db.ticket.update({ where: { id: ticket.id }, data: { category: 'BAD_CREDENTIALS' } })
    expect(await db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), ticket.id))).toBeNull()
    let record = await db.entFailure.findUniqueOrThrow({ where: { id: failureId! }, include: { events: true } })
    expect(record.reportCount).toBe(0)
    expect(record.events.map((e) => e.type)).toEqual(['CREATED', 'REPORT_REMOVED'])
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).entFailureId).toBeNull()
    // Records without reports are kept but not listed as work to do.
    const viewer = await createStaff()
    const list = await listEntFailures(viewer, { status: 'OPEN', limit: 100 })
    expect(list.ok && list.value.items.some((i) => i.id === failureId)).toBe(false)

    await db.ticket.update({ where: { id: ticket.id }, data: { category: 'ENT_IDENTITY_MISMATCH' } })
    expect(await db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), ticket.id))).toBe(failureId)
    record = await db.entFailure.findUniqueOrThrow({ where: { id: failureId! }, include: { events: true } })
    expect(record.reportCount).toBe(1)
  })

  it('reopens a decided record when the same identity reports again', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    await importDirectory(admin, new TextEncoder().encode(csv), { dryRun: false })
    const { failureId } = await entTicket({ entName: 'Atrium', entLogin: 'again', fullName: 'Minh Nguyen', profile: 'PROFESSEUR' })
    expect((await linkEntFailure(admin, failureId!, { login: 'mnguyen' })).ok).toBe(true)
    const again = await entTicket({ entName: 'Atrium', entLogin: 'AGAIN', fullName: 'Minh Nguyen', profile: 'PROFESSEUR' })
    expect(again.failureId).toBe(failureId)
    const record = await db.entFailure.findUniqueOrThrow({ where: { id: failureId! }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(record).toMatchObject({ status: 'OPEN', linkedLogin: null, decidedAt: null, reportCount: 2 })
    expect(record.events.map((e) => e.type)).toEqual(['CREATED', 'LINKED', 'REPORT_ADDED', 'REOPENED'])
    expect(record.events.at(-1)?.note).toMatch(/Nouveau signalement après décision/)
  })
})

describe('deciding a failure', () => {
  it('links to a directory account, resolves every ticket and keeps the history; a second decision conflicts', async () => {
    const admin = await createStaff({ role: 'ADMIN', name: 'Claire Admin' })
    const agent = await createStaff({ role: 'AGENT' })
    await importDirectory(admin, new TextEncoder().encode(csv), { dryRun: false })
    const a = await entTicket({ entName: 'ENT', entLogin: 'e.lefevre', fullName: 'Eloise Lefevre', message: 'Identification impossible, elle est en 4B' })
    const b = await entTicket({ entName: 'ENT', entLogin: 'e.lefevre', fullName: 'Eloise Lefevre' })
    const id = a.failureId!

    const detail = await getEntFailure(agent, id)
    expect(detail.ok && detail.value.candidates[0]?.login).toBe('elefevre')
    expect(detail.ok && detail.value.candidates[0]?.reasons).toContain('Classe 4B mentionnée dans le signalement')

    expect(await linkEntFailure(agent, id, { login: '' })).toMatchObject({ ok: false, code: 'VALIDATION' })
    const unknown = await linkEntFailure(agent, id, { login: 'nobody' })
    expect(unknown).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { login: [expect.stringContaining('nobody')] } })
    expect(await linkEntFailure(agent, 'missing', { login: 'elefevre' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await linkEntFailure(agent, id, { login: 'elefevre', version: 99 })).toMatchObject({ ok: false, code: 'CONFLICT' })

    const linked = await linkEntFailure(admin, id, { login: 'elefevre', version: detail.ok ? detail.value.version : 0 })
    expect(linked).toMatchObject({ ok: true, value: { status: 'LINKED', linkedLogin: 'elefevre' } })
    const record = await db.entFailure.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(record).toMatchObject({ status: 'LINKED', linkedLogin: 'elefevre', decidedById: admin.id })
    expect(record.decidedAt).toBeInstanceOf(Date)
    expect(record.events.at(-1)).toMatchObject({ type: 'LINKED', actorId: admin.id })
    for (const t of [a.ticket, b.ticket]) {
      const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, include: { events: true } })
      expect(row).toMatchObject({ status: 'RESOLVED', publicMessage: LINKED_PUBLIC_MESSAGE, version: t.version + 1 })
      expect(row.events.map((e) => e.type)).toEqual(expect.arrayContaining(['STATUS_CHANGED', 'PUBLIC_MESSAGE_CHANGED']))
    }
    expect(await linkEntFailure(admin, id, { login: 'elefevre' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await rejectEntFailure(admin, id, { reason: 'Aucun compte ne correspond à ce nom.' })).toMatchObject({ ok: false, code: 'CONFLICT' })

    const history = await getEntFailure(agent, id)
    expect(history.ok && history.value.decidedByName).toBe('Claire Admin')
    expect(history.ok && history.value.events.map((e) => e.type)).toEqual(['CREATED', 'REPORT_ADDED', 'LINKED'])
  })

  it('rejects with a reason the person reads, and reopens', async () => {
    const agent = await createStaff()
    const { ticket, failureId } = await entTicket({ entName: 'ENT', entLogin: 'inconnu', fullName: 'Personne Inconnue' })
    expect(await rejectEntFailure(agent, failureId!, { reason: 'court' })).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { reason: [expect.any(String)] } })
    const reason = 'Votre enfant n’est pas inscrit dans notre établissement : contactez le secrétariat.'
    expect(await rejectEntFailure(agent, failureId!, { reason })).toMatchObject({ ok: true, value: { status: 'REJECTED', rejectReason: reason } })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: 'REJECTED', publicMessage: reason })

    expect(await reopenEntFailure(agent, failureId!, {})).toMatchObject({ ok: true, value: { status: 'OPEN', rejectReason: null } })
    expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: 'IN_PROGRESS', closedAt: null })
    expect(await reopenEntFailure(agent, failureId!, {})).toMatchObject({ ok: false, code: 'CONFLICT' })
    const events = await db.entFailureEvent.findMany({ where: { entFailureId: failureId! }, orderBy: { id: 'asc' } })
    expect(events.map((e) => [e.type, e.actorId])).toEqual([
      ['CREATED', null],
      ['REJECTED', agent.id],
      ['REOPENED', agent.id],
    ])
  })
})

describe('tracking figures', () => {
  it('counts by status and measures time to link', async () => {
    await db.entFailure.deleteMany()
    const admin = await createStaff({ role: 'ADMIN' })
    await importDirectory(admin, new TextEncoder().encode(csv), { dryRun: false })
    const hours = [2, 4, 10, 30]
    for (const [i, h] of hours.entries()) {
      const { failureId } = await entTicket({ entName: 'ENT', entLogin: `stat${i}`, fullName: 'Minh Nguyen', profile: 'PROFESSEUR', createdAt: new Date(Date.now() - h * 3_600_000) })
      await linkEntFailure(admin, failureId!, { login: 'mnguyen' })
    }
    const rejected = await entTicket({ entName: 'ENT', entLogin: 'statr', fullName: 'X Y' })
    await rejectEntFailure(admin, rejected.failureId!, { reason: 'Aucun compte à ce nom dans PRONOTE.' })
    const old = await entTicket({ entName: 'ENT', entLogin: 'old', fullName: 'Ancien Signalement', createdAt: new Date('2026-01-02T00:00:00Z') })
    await entTicket({ entName: 'ENT', entLogin: 'new', fullName: 'Récent Signalement' })

    const stats = await getEntFailureStats(admin)
    expect(stats.ok).toBe(true)
    if (!stats.ok) return
    expect(stats.value).toMatchObject({ open: 2, linked: 4, rejected: 1, oldestOpen: { id: old.failureId, fullName: 'Ancien Signalement' } })
    const h = (ms: number | null) => (ms ?? 0) / 3_600_000
    expect(h(stats.value.medianLinkMs)).toBeCloseTo(7, 1)
    expect(h(stats.value.p90LinkMs)).toBeCloseTo(24, 1)
  })

  it('lists oldest first with a keyset cursor', async () => {
    await db.entFailure.deleteMany()
    const agent = await createStaff()
    for (let i = 0; i < 5; i++) await entTicket({ entName: 'ENT', entLogin: `page${i}`, fullName: `Page ${i}`, createdAt: new Date(Date.UTC(2026, 8, 1 + i)) })
    const first = await listEntFailures(agent, { status: 'OPEN', limit: 2 })
    if (!first.ok) throw new Error('list failed')
    expect(first.value.items.map((i) => i.fullName)).toEqual(['Page 0', 'Page 1'])
    const second = await listEntFailures(agent, { status: 'OPEN', limit: 2, cursor: first.value.nextCursor })
    if (!second.ok) throw new Error('list failed')
    expect(second.value.items.map((i) => i.fullName)).toEqual(['Page 2', 'Page 3'])
    const third = await listEntFailures(agent, { status: 'OPEN', limit: 2, cursor: second.value.nextCursor })
    expect(third.ok && third.value).toMatchObject({ nextCursor: null, items: [{ fullName: 'Page 4' }] })
    expect(await listEntFailures(agent, { status: 'DONE' })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(await listEntFailures(agent, { cursor: '!!!' })).toMatchObject({ ok: false, code: 'VALIDATION' })
  })
})
