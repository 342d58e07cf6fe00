import 'server-only'
import { z } from 'zod'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { invalidInput, ok, type Result } from '@/lib/result'

// What each staff member wants by e-mail (their account settings): incident alerts (on by default)
// and the daily digest of open tickets (off by default). Their own choice: no role needed.

export interface MailPreferences {
  incidentAlerts: boolean
  dailyDigest: boolean
}

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())
export const mailPreferencesSchema = z.object({ incidentAlerts: checkbox, dailyDigest: checkbox })

export async function getMailPreferences(viewer: Viewer): Promise<MailPreferences> {
  const row = await db.staffUser.findUniqueOrThrow({ where: { id: viewer.id }, select: { mailIncidentAlerts: true, mailDailyDigest: true } })
  return { incidentAlerts: row.mailIncidentAlerts, dailyDigest: row.mailDailyDigest }
}

export async function saveMailPreferences(viewer: Viewer, input: unknown): Promise<Result<MailPreferences>> {
  const parsed = mailPreferencesSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  await db.staffUser.update({
    where: { id: viewer.id },
    data: { mailIncidentAlerts: parsed.data.incidentAlerts, mailDailyDigest: parsed.data.dailyDigest },
  })
  return ok(parsed.data)
}
