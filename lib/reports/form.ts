import { profileCodes, type CategoryCode, type ProfileCode } from '@/lib/catalogue/types'
import type { FieldErrors } from '@/lib/result'
import { fieldLimits, reportFields, type ReportField } from './fields'

// What the public report form exchanges with its server action. Pure: used on both sides.

/** The raw strings of the form, exactly as typed (kept on error so nothing is lost). */
export type ReportFormValues = Record<ReportField, string>

/** Honeypot input: hidden from people, filled by naive bots. */
export const HONEYPOT_FIELD = 'website'

export type ReportFormState =
  | { status: 'editing'; values: ReportFormValues; fieldErrors: FieldErrors; formError?: string }
  /** Shown when the honeypot was filled: looks like success, nothing stored. */
  | { status: 'received'; values: ReportFormValues; fieldErrors: FieldErrors }

export function emptyReportValues(): ReportFormValues {
  return Object.fromEntries(reportFields.map((f) => [f, ''])) as ReportFormValues
}

/** The report fields of a posted form as strings (anything else, files included, is ignored). */
export function reportValuesFromFormData(form: FormData): ReportFormValues {
  const values = emptyReportValues()
  for (const field of reportFields) {
    const value = form.get(field)
    if (typeof value === 'string') values[field] = value
  }
  return values
}

/** Optional strings of a submission: blank values are left out so the schema applies its defaults. */
export function reportInputFromValues(values: ReportFormValues): Partial<ReportFormValues> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''))
}

type SearchParams = Record<string, string | string[] | undefined>

const prefillParams: Partial<Record<string, Exclude<ReportField, 'fullName' | 'email' | 'occurredAt'>>> = {
  message: 'message',
  profile: 'profile',
  establishment: 'establishment',
  login: 'login',
  entName: 'entName',
  entLogin: 'entLogin',
  url: 'url',
}

/** Prefills the form from a link (e.g. a school's help page): known parameters only, clipped. */
export function prefillFromSearchParams(params: SearchParams): Partial<ReportFormValues> {
  const out: Partial<ReportFormValues> = {}
  for (const [param, field] of Object.entries(prefillParams)) {
    const raw = params[param]
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim()
    if (!value || !field) continue
    if (field === 'profile') {
      const code = value.toUpperCase()
      if ((profileCodes as readonly string[]).includes(code)) out.profile = code
    } else {
      out[field] = value.slice(0, fieldLimits[field])
    }
  }
  return out
}

/** Pupils and parents usually sign in through the ENT or EduConnect. */
const entProfiles: readonly ProfileCode[] = ['ELEVE', 'PARENT']

/** Whether to show the ENT name / ENT login fields (always shown when JavaScript is off). */
export function entFieldsRelevant(profile: string, category: CategoryCode | undefined, values: Partial<ReportFormValues>): boolean {
  if (category === 'ENT_IDENTITY_MISMATCH') return true
  if ((entProfiles as readonly string[]).includes(profile)) return true
  return Boolean(values.entName?.trim() || values.entLogin?.trim())
}
