import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { updateSchoolSettings } from '@/lib/settings/mutations'
import { getSchoolSettings } from '@/lib/settings/queries'
import { settingsInputFromForm } from '@/lib/settings/schemas'
import { createStaff } from '@/tests/support/factories'

const valid = {
  establishmentName: 'Lycée Marie Curie',
  uai: '0951099d',
  espaceUrls: { PARENT: 'https://0951099d.index-education.net/pronote/parent.html' },
  hostingConsoleUrl: 'https://console.index-education.net/',
  helpLinks: [{ label: 'Mot de passe oublié', url: 'https://aide.lycee.test/pronote' }],
}

describe('updateSchoolSettings', () => {
  it('an AGENT gets FORBIDDEN and the row is untouched', async () => {
    const agent = await createStaff({ role: 'AGENT' })
    expect(await updateSchoolSettings(agent, valid)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await db.schoolSettings.findUnique({ where: { id: 'school' } })).toBeNull()
  })

  it('an ADMIN saves the settings to the "school" row, read back the same', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const result = await updateSchoolSettings(admin, valid)
    expect(result).toMatchObject({ ok: true, value: { uai: '0951099D' } })
    const row = await db.schoolSettings.findUniqueOrThrow({ where: { id: 'school' } })
    expect(JSON.parse(row.espaceUrls)).toEqual(valid.espaceUrls)
    expect(await getSchoolSettings()).toEqual({ ...valid, uai: '0951099D' })

    // A second save replaces (upsert), it does not add a row.
    expect((await updateSchoolSettings(admin, { ...valid, helpLinks: [] })).ok).toBe(true)
    expect(await db.schoolSettings.count()).toBe(1)
    expect((await getSchoolSettings()).helpLinks).toEqual([])
  })

  it('rejects a bad UAI check letter, a non-http address and a help link without label, with field keys the form uses', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    await updateSchoolSettings(admin, valid)
    const form = new FormData()
    form.set('uai', '0951099E')
    form.set('espaceUrls.ELEVE', 'eleve.html')
    form.set('helpLinks.0.label', '')
    form.set('helpLinks.0.url', 'https://aide.lycee.test')
    const result = await updateSchoolSettings(admin, settingsInputFromForm(form))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.code).toBe('VALIDATION')
      expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['espaceUrls.ELEVE', 'helpLinks.0.label', 'uai'])
    }
    expect((await getSchoolSettings()).uai).toBe('0951099D')
  })
})
