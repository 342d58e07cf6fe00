import { invalidRequest, issuesFromFieldErrors, readJsonBody } from '@/lib/http/json-body'
import { publicOrigin } from '@/lib/http/origin'
import { toCreatedReportJson, trackingPath } from '@/lib/reports/dto'
import { createReport } from '@/lib/reports/mutations'
import { statusFor } from '@/lib/result'
import { refuseCrossOrigin } from '@/lib/security/origin'
import { limitReportSubmission, rateLimitedResponse, reportIdentityOf } from '@/lib/security/rate-limits'

export const dynamic = 'force-dynamic'

/** POST /api/reports: files a report → 201 with its reference and private tracking URL. */
export async function POST(request: Request) {
  const crossOrigin = refuseCrossOrigin(request)
  if (crossOrigin) return crossOrigin
  const read = await readJsonBody(request)
  if (!read.ok) return read.response
  const limit = await limitReportSubmission(request.headers, reportIdentityOf(read.body))
  if (!limit.ok) return rateLimitedResponse(limit)
  const result = await createReport(read.body)
  if (!result.ok) {
    if (result.code === 'VALIDATION') return invalidRequest(issuesFromFieldErrors(result.fieldErrors))
    return Response.json({ error: result.code.toLowerCase() }, { status: statusFor(result.code) })
  }
  const trackingUrl = new URL(trackingPath(result.value.reference, result.value.token), publicOrigin(request.headers))
  return Response.json(toCreatedReportJson(result.value, trackingUrl.href), {
    status: 201,
    headers: { 'Cache-Control': 'no-store' },
  })
}
