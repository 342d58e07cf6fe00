import { classify } from '@/lib/catalogue/classify'
import { labelFor } from '@/lib/catalogue/entries'
import { invalidInput, ok, type Result } from '@/lib/result'
import { classifyRequestSchema } from './schemas'

/** The classifier's verdict on a submitted message (the form's live diagnosis); stores nothing. */
export function diagnoseMessage(input: unknown): Result<{
  category: string
  variant?: string
  confidence: number
  label: string
  evidence: ReturnType<typeof classify>['evidence']
}> {
  const parsed = classifyRequestSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const verdict = classify(parsed.data.message)
  return ok({
    category: verdict.category,
    ...(verdict.variant ? { variant: verdict.variant } : {}),
    confidence: verdict.confidence,
    label: labelFor(verdict.category, verdict.variant),
    evidence: verdict.evidence,
  })
}
