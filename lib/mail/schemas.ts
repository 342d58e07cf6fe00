import { z } from 'zod'
import { outboxKinds, outboxStates } from './kinds'

// The outbox as the admin API and page see it. Pure.

export const outboxQuerySchema = z.object({
  state: z.enum(outboxStates).optional(),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'Curseur invalide.')
    .optional()
    .meta({ description: 'nextCursor de la page précédente' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type OutboxQuery = z.infer<typeof outboxQuerySchema>

export const outboxItemSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(outboxKinds),
    to: z.string(),
    ticketReference: z.string().nullable(),
    state: z.enum(outboxStates),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OutboxItem' })

export const outboxPageSchema = z
  .object({ items: z.array(outboxItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'OutboxPage' })
export type OutboxPage = z.infer<typeof outboxPageSchema>

export const outboxRetrySchema = z.object({
  id: z.coerce.number().int().positive().optional(),
})
