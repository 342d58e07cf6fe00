// npm run stats:repair [-- --check]: compares the reports-per-hour table (TicketHourCount) with a
// count of the tickets and rebuilds it in one transaction when they differ (after a manual edit of
// Ticket, a restored backup…). It is kept in the ticket's own transactions (lib/tickets/hour-counts.ts),
// so this is a repair, never a scheduled job. `--check` only reports, and exits 1 on a difference.

import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { findHourCountDrift, rebuildHourCounts } from '@/lib/tickets/hour-counts'

async function main() {
  const checkOnly = process.argv.includes('--check')
  const outcome = await db.$transaction(
    async (tx) => {
      const sql = prismaSql(tx)
      const drift = await findHourCountDrift(sql)
      if (drift.length > 0 && !checkOnly) await rebuildHourCounts(sql)
      return drift
    },
    { timeout: 600_000 },
  )
  for (const d of outcome.slice(0, 20)) console.log(`${d.bucket} ${d.category} ${d.measure} bin ${d.bin}: stored ${d.stored}, counted ${d.actual}`)
  if (outcome.length > 20) console.log(`… and ${outcome.length - 20} more`)
  console.log(
    outcome.length === 0
      ? 'Dashboard counts: up to date.'
      : checkOnly
        ? `Dashboard counts: ${outcome.length} hour(s) differ (run without --check to rebuild).`
        : `Dashboard counts: ${outcome.length} hour(s) differed; rebuilt from the tickets.`,
  )
  await db.$disconnect()
  if (checkOnly && outcome.length > 0) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
