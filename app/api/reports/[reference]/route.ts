import { toTrackedReportJson } from '@/lib/reports/dto'
import { getTrackedReport } from '@/lib/reports/queries'

export const dynamic = 'force-dynamic'

const privateHeaders = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }

/** GET /api/reports/{reference}?t={token}: the public status of a report, for its token holder. */
export async function GET(request: Request, { params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params
  const token = new URL(request.url).searchParams.get('t')
  const result = await getTrackedReport(reference, token)
  if (!result.ok) return Response.json({ error: 'not_found' }, { status: 404, headers: privateHeaders })
  return Response.json(toTrackedReportJson(result.value), { headers: privateHeaders })
}
