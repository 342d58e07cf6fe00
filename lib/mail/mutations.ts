import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { nudgeMailDelivery } from './nudge'
import { outboxRetrySchema } from './schemas'

/**
 * "Réessayer maintenant" (ADMIN): one message (`id`) or every pending and failed one becomes due at
 * once; a failed one is pending again. A message claimed by a worker is left to it.
 */
export async function retryOutbox(viewer: Viewer, input: unknown, now = new Date()): Promise<Result<{ retried: number }>> {
  if (viewer.role !== 'ADMIN') return fail('FORBIDDEN')
  const parsed = outboxRetrySchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { count } = await db.outboxMessage.updateMany({
    where: {
      ...(parsed.data.id ? { id: parsed.data.id } : {}),
      state: { in: ['PENDING', 'FAILED'] },
      OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }],
    },
    data: { state: 'PENDING', nextAttemptAt: now },
  })
  if (parsed.data.id && count === 0) return fail('NOT_FOUND')
  nudgeMailDelivery()
  return ok({ retried: count })
}
