import fs from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { importDirectory } from '@/lib/directory/import'
import { createStaff } from '@/tests/support/factories'

const fixture = fs.readFileSync(path.resolve(__dirname, '../fixtures/pronote-directory.csv'))

describe('importing the PRONOTE directory', () => {
  it('previews, applies, and changes nothing the second time', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const preview = await importDirectory(admin, fixture, { dryRun: true })
    expect(preview).toMatchObject({ ok: true, value: { dryRun: true, created: 802, updated: 0, unchanged: 0, errors: [] } })
    expect(await db.directoryAccount.count()).toBe(0)

    const applied = await importDirectory(admin, fixture, { dryRun: false })
    expect(applied).toMatchObject({ ok: true, value: { created: 802, updated: 0, unchanged: 0 } })
    expect(await db.directoryAccount.count()).toBe(802)
    const sample = await db.directoryAccount.findFirstOrThrow({ where: { login: 'eevrard' } })
    expect(sample).toMatchObject({ lastName: 'ÉVRARD', firstName: 'Emma', profile: 'ELEVE', group: '6A', birthDate: '2011-09-07', searchName: 'emma evrard' })
    const stamp = sample.updatedAt

    const again = await importDirectory(admin, fixture, { dryRun: false })
    expect(again).toMatchObject({ ok: true, value: { created: 0, updated: 0, unchanged: 802, errors: [] } })
    expect((await db.directoryAccount.findFirstOrThrow({ where: { login: 'eevrard' } })).updatedAt).toEqual(stamp)
  })

  it('updates changed accounts, also from a Windows-1252 comma file', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const text = 'Identifiant,Nom,Prénom,Profil,Classe\r\nzz.noel,NOËL,Gaël,Élève,5A\r\nzz.benoit,BENOÎT,Anaïs,Élève,5B\r\n'
    expect(await importDirectory(admin, iconv.encode(text, 'win1252'), { dryRun: false })).toMatchObject({ ok: true, value: { created: 2, encoding: 'windows-1252', separator: ',' } })
    const changed = text.replace('5B', '4B')
    const result = await importDirectory(admin, iconv.encode(changed, 'win1252'), { dryRun: false })
    expect(result).toMatchObject({ ok: true, value: { created: 0, updated: 1, unchanged: 1, changes: [{ login: 'zz.benoit', action: 'update', fields: ['classe'] }] } })
    expect(await db.directoryAccount.findUniqueOrThrow({ where: { login: 'zz.benoit' } })).toMatchObject({ group: '4B', lastName: 'BENOÎT' })
  })

  it('reports malformed files without importing anything, and is for admins only', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const agent = await createStaff({ role: 'AGENT' })
    const before = await db.directoryAccount.count()
    expect(await importDirectory(agent, fixture, { dryRun: true })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const missing = await importDirectory(admin, new TextEncoder().encode('Nom;Prénom\nA;B\n'), { dryRun: false })
    expect(missing).toMatchObject({ ok: true, value: { created: 0, fileError: expect.stringMatching(/Identifiant, Profil/) } })
    expect(await importDirectory(admin, new Uint8Array(), { dryRun: false })).toMatchObject({ ok: false, code: 'VALIDATION' })
    const partial = await importDirectory(admin, new TextEncoder().encode('Nom;Prénom;Identifiant;Profil\nX;Y;zz.ok;Élève\nX;;zz.bad;Élève\n'), { dryRun: false })
    expect(partial).toMatchObject({ ok: true, value: { created: 1, errors: [{ line: 3, message: expect.stringMatching(/prénom manquant/i) }] } })
    expect(await db.directoryAccount.count()).toBe(before + 1)
  })
})
