import type { Classification } from '@/lib/catalogue/types'
import { labelFor } from '@/lib/catalogue/entries'
import { invalidInput, ok, type Result } from '@/lib/result'
import { classifyMessage } from '@/lib/rules/active'
import { classifyRequestSchema } from './schemas'

/**
 * The classifier's verdict on a submitted message, with the school's rules (POST /api/classify);
 * stores nothing.
 */
export async function diagnoseMessage(input: unknown): Promise<Result<{
  category: string
  variant?: string
  confidence: number
  label: string
  evidence: Classification['evidence']
}>> {
  const parsed = classifyRequestSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const verdict = await classifyMessage(parsed.data.message)
  return ok({
    category: verdict.category,
    ...(verdict.variant ? { variant: verdict.variant } : {}),
    confidence: verdict.confidence,
    label: labelFor(verdict.category, verdict.variant),
    evidence: verdict.evidence,
  })
}
