import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { csvChunk } from '@/lib/csv'
import { invalidInput, ok, type Result } from '@/lib/result'
import { getDashboard } from './queries'
import { exportStatsRoute } from './routes'
import { tableBuilders } from './tables'

/** One dashboard table as a CSV file (the same rows as its "Voir les données" table). */
export async function exportDashboardTable(viewer: Viewer, input: unknown): Promise<Result<{ csv: string; file: string }>> {
  const parsed = exportStatsRoute.query.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { table, ...query } = parsed.data
  const dashboard = await getDashboard(viewer, query)
  if (!dashboard.ok) return dashboard
  const { header, rows } = tableBuilders[table](dashboard.value)
  return ok({ csv: csvChunk(rows, header), file: `tableau-de-bord-${table}-${query.from}-${query.to}.csv` })
}
