import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'

// The queue's free-text search, kept to this one function so an FTS5 index can replace it later
// without touching the callers. For now: a case-insensitive (ASCII) LIKE over the fields agents
// search by: the user's message, their name, their PRONOTE login and the ticket reference.

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** SQL condition on alias `t` matching tickets whose searchable fields contain `q`. */
export function ticketSearchCondition(q: string): Prisma.Sql {
  const pattern = likePattern(q)
  return Prisma.sql`(t."message" LIKE ${pattern} ESCAPE '\\' OR t."fullName" LIKE ${pattern} ESCAPE '\\'
    OR t."login" LIKE ${pattern} ESCAPE '\\' OR t."reference" LIKE ${pattern} ESCAPE '\\')`
}
