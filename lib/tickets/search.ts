import 'server-only'
import { Prisma } from '@/lib/generated/prisma/client'

// The queue's free-text search over the FTS5 index "ticket_fts" (migration
// 20261128090000_ticket_search_fts): reference, name, PRONOTE login, e-mail, ENT login and message,
// case- and accent-insensitive ("helene" finds "Hélène"). Search-box semantics: every word the agent
// typed must be a word of the ticket, in any order and any field, and the LAST word may be the start
// of one ("dupont hél" finds "Hélène Dupont", "RL-7K3F" finds "RL-7K3F-9Q2M"). Mid-word matches
// ("artin" for "Martin") are not supported: that needs a scan of every ticket.
//
// Why only the last word is a prefix: FTS5 reads an exact word's postings lazily in rowid order, so a
// newest-first page stops after `limit` hits even for a word in every ticket; a prefix ("personne"*)
// is first merged in memory over ALL its postings (~100 ms for a word in 1,000,000 tickets).

const MAX_WORDS = 12

/**
 * The agent's text as an FTS5 MATCH expression, or null when it holds no word (only punctuation).
 * Words are split where the index's tokenizer (unicode61) splits them: on anything that is not a
 * letter, digit or combining mark, so FTS5 syntax (quotes, *, ^, :, parentheses, -, +) never gets
 * through; every word is then quoted. The last word is a prefix when it has two characters or more
 * (a one-letter prefix would expand over most of the index).
 */
export function ftsMatchExpression(q: string): string | null {
  const words = [...new Set(q.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u))]
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS)
  if (words.length === 0) return null
  return words.map((w, i) => `"${w}"${i === words.length - 1 && w.length >= 2 ? '*' : ''}`).join(' AND ')
}

/**
 * SQL condition on alias `t`: the ticket matches `q`. A query with no word matches nothing (the
 * agent typed something: showing the whole queue as its result would mislead).
 * For counts and for sorts other than creation; the newest-first page uses `ticketSearchSource`.
 */
export function ticketSearchCondition(q: string): Prisma.Sql {
  const match = ftsMatchExpression(q)
  if (!match) return Prisma.sql`0`
  return Prisma.sql`t."id" IN (SELECT "rowid" FROM "ticket_fts" WHERE "ticket_fts" MATCH ${match})`
}

/**
 * FROM clause for the newest-first page of a search: the index drives, in descending rowid (= id)
 * order, and each hit is joined to its ticket by primary key, so a page stops after `limit` hits
 * even for a word found in a third of the tickets. CROSS JOIN fixes that order; `f` is the index.
 * Returns null when `q` holds no word.
 */
export function ticketSearchSource(q: string): { from: Prisma.Sql; match: Prisma.Sql } | null {
  const match = ftsMatchExpression(q)
  if (!match) return null
  return {
    from: Prisma.sql`"ticket_fts" f CROSS JOIN "Ticket" t ON t."id" = f."rowid"`,
    match: Prisma.sql`f."ticket_fts" MATCH ${match}`,
  }
}
