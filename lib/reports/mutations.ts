import 'server-only'
import { classify } from '@/lib/catalogue/classify'
import { db } from '@/lib/db'
import { ENT_CATEGORY, syncEntFailureForTicket } from '@/lib/ent-failures/grouping'
import { Prisma } from '@/lib/generated/prisma/client'
import { fail, ok, type Result } from '@/lib/result'
import { describeDiagnosis } from './diagnosis'
import type { CreatedReport } from './dto'
import { generateReference, generateTrackingToken, hashTrackingToken } from './reference'
import { fieldErrorsFrom, reportSchema } from './schemas'

const MAX_REFERENCE_ATTEMPTS = 5

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}

/**
 * Files a public report: validates, classifies the message, stores a NEW ticket with a fresh
 * reference and the hash of a tracking token. Public: no viewer. The token is returned once.
 */
export async function createReport(input: unknown): Promise<Result<CreatedReport>> {
  const parsed = reportSchema.safeParse(input)
  if (!parsed.success) return fail('VALIDATION', { fieldErrors: fieldErrorsFrom(parsed.error) })
  const report = parsed.data
  const verdict = classify(report.message)
  const token = generateTrackingToken()

  for (let attempt = 1; ; attempt++) {
    const reference = generateReference()
    try {
      // One transaction: an ENT identity report joins its EntFailure record atomically.
      await db.$transaction(async (tx) => {
        const created = await tx.ticket.create({
          data: {
            reference,
            trackingTokenHash: hashTrackingToken(token),
            ...report,
            category: verdict.category,
            autoCategory: verdict.category,
            variant: verdict.variant ?? null,
            confidence: verdict.confidence,
            evidence: JSON.stringify(verdict.evidence),
            status: 'NEW',
            events: { create: { type: 'CREATED', after: JSON.stringify({ status: 'NEW', category: verdict.category }) } },
          },
          select: { id: true },
        })
        if (verdict.category === ENT_CATEGORY) await syncEntFailureForTicket(tx, created.id)
      })
    } catch (error) {
      // 40 random bits make a collision rare; a fresh reference settles it.
      if (isUniqueViolation(error) && attempt < MAX_REFERENCE_ATTEMPTS) continue
      throw error
    }
    return ok({
      reference,
      token,
      category: verdict.category,
      ...(verdict.variant ? { variant: verdict.variant } : {}),
      confidence: verdict.confidence,
      diagnosis: describeDiagnosis(verdict.category, verdict.variant),
    })
  }
}
