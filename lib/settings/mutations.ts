import 'server-only'
import { canEditSettings } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { schoolSettingsSchema, type SchoolSettings } from './schemas'

/** Saves the school's settings (the single row "school"). ADMIN only. */
export async function updateSchoolSettings(viewer: Viewer, input: unknown): Promise<Result<SchoolSettings>> {
  if (!canEditSettings(viewer)) return fail('FORBIDDEN')
  const parsed = schoolSettingsSchema.safeParse(input)
  // Keys like "espaceUrls.PARENT" or "helpLinks.0.url" match the form's field names.
  if (!parsed.success) return invalidInput(parsed.error)
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
