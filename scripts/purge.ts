// `npm run purge -- --older-than 365d`: anonymises closed reports (RESOLVED / REJECTED) closed longer
// ago than the period (default: RETENTION_DAYS, 365). Meant for a daily cron; prints counts only.
import { env } from '@/lib/env'
import { db } from '@/lib/db'
import { purgeClosedReports } from '@/lib/privacy/retention'
import { retentionPeriodSchema } from '@/lib/privacy/schemas'

function periodFromArgs(args: string[]): number {
  const flag = args.findIndex((a) => a === '--older-than' || a.startsWith('--older-than='))
  if (flag === -1) return env().RETENTION_DAYS
  const raw = args[flag]!.includes('=') ? args[flag]!.split('=')[1] : args[flag + 1]
  const parsed = retentionPeriodSchema.safeParse(raw ?? '')
  if (!parsed.success) {
    console.error(parsed.error.issues[0]?.message ?? 'Durée invalide.')
    process.exit(2)
  }
  return parsed.data
}

async function main() {
  const days = periodFromArgs(process.argv.slice(2))
  const { anonymised, cutoff } = await purgeClosedReports(days)
  console.log(`${anonymised} signalement(s) clos avant le ${cutoff.toISOString()} anonymisé(s).`)
  await db.$disconnect()
}

// tsx compiles this file as CommonJS (no top-level await).
void main()
