import type { TicketSort } from './schemas'

// Opaque keyset cursor: the sort key and id of the last row of a page. Pages are index ranges
// ("id < ?" or "(key, id) < (?, ?)"), never OFFSETs, so a deep page costs what the first one does.

/**
 * An id above every ticket's: the key of a first page. Prisma's Int is 32-bit (an INTEGER column on
 * PostgreSQL, which refuses a larger parameter), so its maximum is.
 */
export const ABOVE_EVERY_ID = 2_147_483_647

export type CursorKey =
  | { sort: 'created'; id: number }
  | { sort: 'updated'; id: number; updatedAt: Date }
  | { sort: 'priority'; id: number; priority: number }

export function encodeCursor(key: CursorKey): string {
  const payload =
    key.sort === 'created'
      ? [key.sort, key.id]
      : key.sort === 'updated'
        ? [key.sort, key.id, key.updatedAt.toISOString()]
        : [key.sort, key.id, key.priority]
  return Buffer.from(JSON.stringify(payload)).toString('base64url')
}

/** null when the cursor is malformed or was made for another sort. */
export function decodeCursor(cursor: string, sort: TicketSort): CursorKey | null {
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(payload) || payload[0] !== sort) return null
  const id = payload[1]
  if (!Number.isSafeInteger(id) || id < 1) return null
  if (sort === 'created') return payload.length === 2 ? { sort, id } : null
  if (payload.length !== 3) return null
  if (sort === 'priority') {
    return Number.isSafeInteger(payload[2]) ? { sort, id, priority: payload[2] } : null
  }
  const updatedAt = typeof payload[2] === 'string' ? new Date(payload[2]) : null
  return updatedAt && !Number.isNaN(updatedAt.getTime()) ? { sort, id, updatedAt } : null
}
