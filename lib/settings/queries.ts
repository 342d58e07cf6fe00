import 'server-only'
import { db } from '@/lib/db'
import { schoolSettingsSchema, type SchoolSettings } from './schemas'

/** The school's settings; defaults when none were saved yet. Readable by anyone on the server. */
export async function getSchoolSettings(): Promise<SchoolSettings> {
  const row = await db.schoolSettings.findUnique({ where: { id: 'school' } })
  if (!row) return schoolSettingsSchema.parse({})
  const parsed = schoolSettingsSchema.safeParse({
    establishmentName: row.establishmentName,
    uai: row.uai,
    espaceUrls: JSON.parse(row.espaceUrls),
    hostingConsoleUrl: row.hostingConsoleUrl,
    helpLinks: JSON.parse(row.helpLinks),
  })
  return parsed.success ? parsed.data : schoolSettingsSchema.parse({})
}
