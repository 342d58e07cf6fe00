import 'server-only'
import { canEditSettings } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { fail, ok, type FieldErrors, type Result } from '@/lib/result'
import { schoolSettingsSchema, type SchoolSettings } from './schemas'

/** Saves the school's settings (the single row "school"). ADMIN only. */
export async function updateSchoolSettings(viewer: Viewer, input: unknown): Promise<Result<SchoolSettings>> {
  if (!canEditSettings(viewer)) return fail('FORBIDDEN')
  const parsed = schoolSettingsSchema.safeParse(input)
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {}
    // Keys like "espaceUrls.PARENT" or "helpLinks.0.url" match the form's field names.
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.map(String).join('.') || 'form'] ??= []).push(issue.message)
    return fail('VALIDATION', { fieldErrors })
  }
  const s = parsed.data
  const data = {
    establishmentName: s.establishmentName,
    uai: s.uai,
    espaceUrls: JSON.stringify(s.espaceUrls),
    hostingConsoleUrl: s.hostingConsoleUrl,
    helpLinks: JSON.stringify(s.helpLinks),
  }
  await db.schoolSettings.upsert({ where: { id: 'school' }, create: { id: 'school', ...data }, update: data })
  return ok(s)
}
