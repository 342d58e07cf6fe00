import { invalidRequest, issuesFromFieldErrors, readJsonBody } from '@/lib/http/json-body'
import { publicOrigin } from '@/lib/http/origin'
import { toCreatedReportJson, trackingPath } from '@/lib/reports/dto'
import { createReport } from '@/lib/reports/mutations'
import { statusFor } from '@/lib/result'

export const dynamic = 'force-dynamic'

/** POST /api/reports: files a report → 201 with its reference and private tracking URL. */
export async function POST(request: Request) {
  const read = await readJsonBody(request)
  if (!read.ok) return read.response
  const result = await createReport(read.body)
  if (!result.ok) {
    if (result.code === 'VALIDATION') return invalidRequest(issuesFromFieldErrors(result.fieldErrors))
    return Response.json({ error: result.code.toLowerCase() }, { status: statusFor(result.code) })
  }
  const trackingUrl = new URL(trackingPath(result.value.reference, result.value.token), publicOrigin(request.url, request.headers))
  return Response.json(toCreatedReportJson(result.value, trackingUrl.href), {
    status: 201,
    headers: { 'Cache-Control': 'no-store' },
  })
}
