import 'server-only'
import type { Prisma } from '@/lib/generated/prisma/client'
import { fts5Match, sqlDialect, type TicketSearchSource } from '@/lib/sql-dialect'

// The queue's free-text search, on SQLite over the FTS5 index "ticket_fts" (migration
// 20261128090000_ticket_search_fts), on PostgreSQL over a full-text GIN index (lib/sql-dialect.ts):
// reference, name, PRONOTE login, e-mail, ENT login and message, case- and accent-insensitive ("helene" finds "Hélène"). Search-box semantics: every word the agent
// typed must be a word of the ticket, in any order and any field, and the LAST word may be the start
// of one ("dupont hél" finds "Hélène Dupont", "RL-7K3F" finds "RL-7K3F-9Q2M"). Mid-word matches
// ("artin" for "Martin") are not supported: that needs a scan of every ticket.
//
// Why only the last word is a prefix: FTS5 reads an exact word's postings lazily in rowid order, so a
// newest-first page stops after `limit` hits even for a word in every ticket; a prefix ("personne"*)
// is first merged in memory over ALL its postings (~100 ms for a word in 1,000,000 tickets).

const MAX_WORDS = 12

/**
 * The agent's words, or null when the text holds none (only punctuation). Words are split where
 * SQLite's tokenizer (unicode61) splits them: on anything that is not a letter, digit or combining
 * mark, so no search syntax (quotes, *, ^, :, parentheses, -, +, &, |, !) ever gets through. The last
 * word is a prefix when it has two characters or more (a one-letter prefix would expand over most
 * of the index).
 */
export function searchWords(q: string): { words: string[]; lastIsPrefix: boolean } | null {
  const words = [...new Set(q.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u))]
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS)
  if (words.length === 0) return null
  return { words, lastIsPrefix: words.at(-1)!.length >= 2 }
}

/** The agent's text as SQLite's FTS5 MATCH expression, or null when it holds no word. */
export function ftsMatchExpression(q: string): string | null {
  const search = searchWords(q)
  return search && fts5Match(search.words, search.lastIsPrefix)
}

/**
 * SQL condition on alias `t`: the ticket matches `q`. A query with no word matches nothing (the
 * agent typed something: showing the whole queue as its result would mislead).
 * For counts and for sorts other than creation; the newest-first page uses `ticketSearchSource`.
 */
export function ticketSearchCondition(q: string): Prisma.Sql {
  const search = searchWords(q)
  if (!search) return sqlDialect().never
  return sqlDialect().ticketSearch.condition(search.words, search.lastIsPrefix)
}

/**
 * FROM clause (ticket alias `t`) and predicate for the newest-first page of a search, and the id
 * column it is ordered and paged by. On SQLite the index drives, in descending rowid (= id) order,
 * so a page stops after `limit` hits even for a word found in a third of the tickets
 * (lib/sql-dialect.ts). Returns null when `q` holds no word.
 */
export function ticketSearchSource(q: string): TicketSearchSource | null {
  const search = searchWords(q)
  return search && sqlDialect().ticketSearch.source(search.words, search.lastIsPrefix)
}
