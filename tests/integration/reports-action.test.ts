import { describe, expect, it } from 'vitest'
import { submitReportAction } from '@/app/actions'
import { db } from '@/lib/db'
import { emptyReportValues, type ReportFormState } from '@/lib/reports/form'
import { hashTrackingToken } from '@/lib/reports/reference'

const initial: ReportFormState = { status: 'editing', values: emptyReportValues(), fieldErrors: {} }

function formOf(fields: Record<string, string>) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return form
}

/** Runs the action expecting redirect(): returns the target URL carried by NEXT_REDIRECT. */
async function expectRedirect(form: FormData): Promise<URL> {
  try {
    await submitReportAction(initial, form)
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? ''
    expect(digest.startsWith('NEXT_REDIRECT;')).toBe(true)
    return new URL(digest.split(';')[2]!, 'http://relais.test')
  }
  throw new Error('the action did not redirect')
}

describe('submitReportAction', () => {
  it('stores the report and redirects to its tracking page with the confirmation flag', async () => {
    const target = await expectRedirect(
      formOf({
        message: 'Identification impossible',
        fullName: 'Léa Dupont',
        profile: 'ELEVE',
        email: '',
        establishment: 'Collège Jean Moulin',
        login: '',
        entName: 'Toutatice',
        entLogin: 'lea.dupont',
        url: '',
        occurredAt: '2026-01-15T08:30',
        website: '',
      }),
    )
    const [, suivi, reference] = target.pathname.split('/')
    expect(suivi).toBe('suivi')
    expect(target.searchParams.get('nouveau')).toBe('1')
    const token = target.searchParams.get('t')!
    const row = await db.ticket.findUniqueOrThrow({ where: { reference } })
    expect(row).toMatchObject({
      fullName: 'Léa Dupont',
      profile: 'ELEVE',
      email: null,
      establishment: 'Collège Jean Moulin',
      entName: 'Toutatice',
      entLogin: 'lea.dupont',
      url: null,
      category: 'ENT_IDENTITY_MISMATCH',
      autoCategory: 'ENT_IDENTITY_MISMATCH',
      status: 'NEW',
      trackingTokenHash: hashTrackingToken(token),
    })
    expect(row.occurredAt.toISOString()).toBe('2026-01-15T07:30:00.000Z')
  })

  it('hands back every typed value and French field errors on invalid input; nothing stored', async () => {
    const before = await db.ticket.count()
    const typed = {
      message: '',
      fullName: '  ',
      profile: 'PARENT',
      email: 'pas-une-adresse',
      establishment: 'Lycée Victor Hugo',
      login: 'vhugo',
      entName: '',
      entLogin: '',
      url: 'https://exemple.test/pronote/',
      occurredAt: '2026-01-15T08:30',
    }
    const state = await submitReportAction(initial, formOf(typed))
    expect(state.status).toBe('editing')
    expect(state.values).toEqual(typed)
    expect(Object.keys(state.fieldErrors).sort()).toEqual(['email', 'fullName', 'message'])
    expect(state.fieldErrors.message?.[0]).toMatch(/message d’erreur/)
    expect(state.fieldErrors.fullName?.[0]).toMatch(/nom et prénom/)
    expect(state.fieldErrors.email?.[0]).toMatch(/Adresse e-mail invalide/)
    expect(await db.ticket.count()).toBe(before)
  })

  it('answers a filled honeypot as if all went well but stores nothing', async () => {
    const before = await db.ticket.count()
    const state = await submitReportAction(
      initial,
      formOf({ message: 'HTTP Error 503', fullName: 'Bot', website: 'https://spam.example' }),
    )
    expect(state.status).toBe('received')
    expect(await db.ticket.count()).toBe(before)
  })
})
