import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { smtpConfigured } from './config'
import { outboxStates, type OutboxKind, type OutboxState } from './kinds'
import { outboxQuerySchema, type OutboxPage } from './schemas'

// The outbox for ADMINs: recipient, kind, ticket, state; never a body (none is stored) nor a token.

export async function listOutbox(viewer: Viewer, input: unknown): Promise<Result<OutboxPage>> {
  if (viewer.role !== 'ADMIN') return fail('FORBIDDEN')
  const parsed = outboxQuerySchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const { state, cursor, limit } = parsed.data
  const rows = await db.outboxMessage.findMany({
    where: { ...(state ? { state } : {}), ...(cursor ? { id: { lt: Number(cursor) } } : {}) },
    orderBy: { id: 'desc' },
    take: limit + 1,
    select: { id: true, kind: true, to: true, state: true, attempts: true, lastError: true, createdAt: true, sentAt: true, ticket: { select: { reference: true } } },
  })
  const page = rows.slice(0, limit)
  return ok({
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind as OutboxKind,
      to: r.to,
      ticketReference: r.ticket?.reference ?? null,
      state: r.state as OutboxState,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  })
}

export interface OutboxSummary {
  counts: Record<OutboxState, number>
  smtpConfigured: boolean
}

export async function getOutboxSummary(viewer: Viewer): Promise<Result<OutboxSummary>> {
  if (viewer.role !== 'ADMIN') return fail('FORBIDDEN')
  const groups = await db.outboxMessage.groupBy({ by: ['state'], _count: true })
  const counts = Object.fromEntries(outboxStates.map((s) => [s, groups.find((g) => g.state === s)?._count ?? 0])) as Record<OutboxState, number>
  return ok({ counts, smtpConfigured: smtpConfigured() })
}
