import { classify } from '@/lib/catalogue/classify'
import { labelFor } from '@/lib/catalogue/entries'
import { invalidRequest, issuesFromFieldErrors, readJsonBody } from '@/lib/http/json-body'
import { classifyRequestSchema, fieldErrorsFrom } from '@/lib/reports/schemas'
import { refuseCrossOrigin } from '@/lib/security/origin'
import { limitClassification, rateLimitedResponse } from '@/lib/security/rate-limits'

export const dynamic = 'force-dynamic'

/** POST /api/classify {"message"} → the classifier's verdict; stores nothing. */
export async function POST(request: Request) {
  const crossOrigin = refuseCrossOrigin(request)
  if (crossOrigin) return crossOrigin
  const limit = await limitClassification(request.headers)
  if (!limit.ok) return rateLimitedResponse(limit)
  const read = await readJsonBody(request)
  if (!read.ok) return read.response
  const parsed = classifyRequestSchema.safeParse(read.body)
  if (!parsed.success) return invalidRequest(issuesFromFieldErrors(fieldErrorsFrom(parsed.error)))

  const verdict = classify(parsed.data.message)
  return Response.json({
    category: verdict.category,
    ...(verdict.variant ? { variant: verdict.variant } : {}),
    confidence: verdict.confidence,
    label: labelFor(verdict.category, verdict.variant),
    evidence: verdict.evidence,
  })
}
