import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { POST as importRoute } from '@/app/api/admin/directory/import/route'
import { POST as linkRoute } from '@/app/api/admin/ent-failures/[id]/link/route'
import { POST as rejectRoute } from '@/app/api/admin/ent-failures/[id]/reject/route'
import { GET as exportRoute } from '@/app/api/admin/ent-failures/export/route'
import { GET as listRoute } from '@/app/api/admin/ent-failures/route'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { syncTicketEntFailure } from '@/lib/ent-failures/follow'
import { createStaff, createTicketRow } from '@/tests/support/factories'
import { sessionCookie } from '@/tests/support/session'

const base = 'http://localhost/api/admin'
const fixture = fs.readFileSync(path.resolve(__dirname, '../fixtures/pronote-directory.csv'))

async function as(viewer: Viewer | null, url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (viewer) headers.set('cookie', await sessionCookie(viewer))
  return new Request(url, { ...init, headers })
}
const params = (id: string) => ({ params: Promise.resolve({ id }) })

function upload(bytes: Uint8Array, extra: Record<string, string> = {}) {
  const form = new FormData()
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), 'export.csv')
  for (const [k, v] of Object.entries(extra)) form.set(k, v)
  return form
}

async function entFailure(fullName: string, entLogin: string, createdAt = new Date()) {
  const ticket = await createTicketRow({ category: 'ENT_IDENTITY_MISMATCH', autoCategory: 'ENT_IDENTITY_MISMATCH', fullName, entName: 'ENT', entLogin, profile: 'ELEVE', createdAt })
  return (await db.$transaction((tx) => syncTicketEntFailure(prismaSql(tx), ticket.id)))!
}

describe('admin ENT failures API', () => {
  it('imports the directory (ADMIN only, dry run first) and is idempotent', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const agent = await createStaff({ role: 'AGENT' })
    expect((await importRoute(await as(null, `${base}/directory/import`, { method: 'POST', body: upload(fixture) }))).status).toBe(401)
    expect((await importRoute(await as(agent, `${base}/directory/import`, { method: 'POST', body: upload(fixture) }))).status).toBe(403)

    const dry = await importRoute(await as(admin, `${base}/directory/import?dryRun=true`, { method: 'POST', body: upload(fixture) }))
    expect(dry.status).toBe(200)
    expect(await dry.json()).toEqual({ created: 802, updated: 0, unchanged: 0, errors: [] })
    expect(await db.directoryAccount.count()).toBe(0)

    const applied = await importRoute(await as(admin, `${base}/directory/import`, { method: 'POST', body: upload(fixture) }))
    expect(await applied.json()).toEqual({ created: 802, updated: 0, unchanged: 0, errors: [] })
    const again = await importRoute(await as(admin, `${base}/directory/import`, { method: 'POST', body: upload(fixture, { dryRun: 'false' }) }))
    expect(await again.json()).toEqual({ created: 0, updated: 0, unchanged: 802, errors: [] })

    const broken = await importRoute(await as(admin, `${base}/directory/import`, { method: 'POST', body: upload(new TextEncoder().encode('Nom;Classe\nX;3B\n')) }))
    expect(broken.status).toBe(400)
    // A file that cannot be used at all: the one 400 shape, about the file; nothing imported.
    expect(await broken.json()).toEqual({ error: 'invalid_request', issues: [{ path: ['file'], message: expect.stringMatching(/Colonnes manquantes/) }] })
    const noFile = await importRoute(await as(admin, `${base}/directory/import`, { method: 'POST', body: new FormData() }))
    expect(await noFile.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: ['file'] }] })
  })

  it('lists open failures oldest first with ranked candidates and a cursor', async () => {
    const agent = await createStaff()
    const older = await entFailure('Emma Evrard', 'emma.e', new Date('2026-09-01T08:00:00Z'))
    await entFailure('Loic Morin', 'loic.m', new Date('2026-09-02T08:00:00Z'))
    const response = await listRoute(await as(agent, `${base}/ent-failures?status=OPEN`))
    expect(response.status).toBe(200)
    const body = (await response.json()) as { items: Record<string, unknown>[]; nextCursor: string | null }
    expect(body.nextCursor).toBeNull()
    expect(body.items[0]).toMatchObject({ id: older, fullName: 'Emma Evrard', entLogin: 'emma.e', entName: 'ENT', status: 'OPEN', reportCount: 1, firstReportedAt: '2026-09-01T08:00:00.000Z' })
    expect(Object.keys(body.items[0]!).sort()).toEqual(['candidates', 'entLogin', 'entName', 'establishment', 'firstReportedAt', 'fullName', 'id', 'profile', 'reportCount', 'status'])
    expect(body.items[0]!.candidates).toEqual(
      expect.arrayContaining([{ login: 'eevrard', fullName: 'Emma ÉVRARD', profile: 'ELEVE', score: expect.any(Number), reasons: expect.arrayContaining(['Même profil (Élève)']) }]),
    )
    expect((await listRoute(await as(agent, `${base}/ent-failures?status=NOPE`))).status).toBe(400)
    expect((await listRoute(await as(null, `${base}/ent-failures`))).status).toBe(401)
  })

  it('links and rejects with 200, 400, 404 and 409 as documented', async () => {
    const agent = await createStaff()
    const id = await entFailure('Loïc Morin', 'l.morin.api')
    const post = async (route: typeof linkRoute, target: string, kind: string, body: unknown) =>
      route(await as(agent, `${base}/ent-failures/${target}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }), params(target))

    const invalid = await post(linkRoute, id, 'link', {})
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: ['login'], message: expect.any(String) }] })
    expect((await post(linkRoute, id, 'link', 'not json')).status).toBe(400)
    const unknownLogin = await post(linkRoute, id, 'link', { login: 'zz-nobody' })
    expect(unknownLogin.status).toBe(400)
    expect(JSON.stringify(await unknownLogin.json())).toMatch(/Aucun compte PRONOTE/)
    expect((await post(linkRoute, 'nope', 'link', { login: 'lmorin' })).status).toBe(404)

    const linked = await post(linkRoute, id, 'link', { login: 'lmorin' })
    expect(linked.status).toBe(200)
    expect(await linked.json()).toMatchObject({ id, status: 'LINKED', linkedLogin: 'lmorin' })
    expect((await post(linkRoute, id, 'link', { login: 'lmorin' })).status).toBe(409)
    expect((await post(rejectRoute, id, 'reject', { reason: 'Aucun compte ne correspond.' })).status).toBe(409)

    const other = await entFailure('Inconnu Total', 'x.api')
    expect((await post(rejectRoute, other, 'reject', { reason: '' })).status).toBe(400)
    const rejected = await post(rejectRoute, other, 'reject', { reason: 'Aucun compte à ce nom : contactez le secrétariat.' })
    expect(rejected.status).toBe(200)
    expect(await rejected.json()).toMatchObject({ status: 'REJECTED', rejectReason: 'Aucun compte à ce nom : contactez le secrétariat.' })
  })

  it('exports the tracking figures and the list as CSV', async () => {
    const agent = await createStaff()
    const summary = await exportRoute(await as(agent, `${base}/ent-failures/export`))
    expect(summary.status).toBe(200)
    expect(summary.headers.get('content-type')).toMatch(/text\/csv/)
    const text = await summary.text()
    expect(text).toMatch(/echecs_mis_en_relation;1/)
    expect(text).toMatch(/echecs_sans_compte;1/)
    expect(text).toMatch(/delai_median_mise_en_relation_heures;\d/)
    const bytes = new Uint8Array(await (await exportRoute(await as(agent, `${base}/ent-failures/export?view=failures`))).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // BOM: Excel reads the accents right
    const list = new TextDecoder().decode(bytes)
    expect(list.split('\r\n')[0]).toMatch(/^id;statut;ent;identifiant_ent/)
    expect(list).toMatch(/Mis en relation/)
    expect((await exportRoute(await as(null, `${base}/ent-failures/export`))).status).toBe(401)
  })
})
