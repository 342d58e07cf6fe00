import 'server-only'
import { Prisma } from './generated/prisma/client'
import { env } from './env'
import { databaseProviderOf, type DatabaseProvider } from '../scripts/database-provider.mjs'
import { storedDate } from './time/stored-date'

// The SQL that differs between SQLite and PostgreSQL (issue 18), in one place: domain modules write
// one statement and take the differing fragments from here, never branching on the provider
// themselves. The read path (readRows in lib/db.ts) and the write path (Sql in lib/db-write.ts) bind
// parameters through `bindValue`. Add a fragment here when a statement needs one.

export type { DatabaseProvider }

/** 'sqlite' for a `file:` DATABASE_URL (the default), 'postgresql' for `postgresql://` / `postgres://`. */
export function databaseProvider(): DatabaseProvider {
  return databaseProviderOf(env().DATABASE_URL) ?? 'sqlite'
}

export interface TicketSearchSource {
  from: Prisma.Sql
  match: Prisma.Sql
  id: Prisma.Sql
  /** The index alone (its hits, no ticket row read), under the alias `match` and `id` name. */
  index: Prisma.Sql
  /** How many words the match requires: more than one is an AND of them. */
  words: number
}

export interface SqlDialect {
  provider: DatabaseProvider
  /** A parameter as the provider's driver binds it (see `bindValue`). */
  bind(value: unknown): unknown
  /** Boolean literals: SQLite stores booleans as 0/1, PostgreSQL has a boolean type. */
  true: Prisma.Sql
  false: Prisma.Sql
  /** A condition that is never true (an empty search): `0` is not a boolean in PostgreSQL. */
  never: Prisma.Sql
  /** The smallest / largest of its arguments (columns as Prisma.Sql, or values bound as parameters). */
  least(...values: unknown[]): Prisma.Sql
  greatest(...values: unknown[]): Prisma.Sql
  /**
   * A date column as SQLite stores it: ISO 8601 text with milliseconds and "+00:00"
   * (lib/time/stored-date.ts), so text operations on it (a prefix as a time slot) agree.
   */
  dateText(column: Prisma.Sql): Prisma.Sql
  /** A SELECT of one integer column "value", a row per id: one parameter, whatever the number of ids. */
  integerRows(ids: number[]): Prisma.Sql
  /**
   * Row locks, appended to a SELECT (PostgreSQL; SQLite has one writer at a time, so nothing):
   * `forUpdate` holds a row for a decision until it commits; `forKeyShare` keeps it from such a
   * decision meanwhile without blocking other writers of its non-key columns.
   */
  forUpdate: Prisma.Sql
  forKeyShare: Prisma.Sql
  /** Appended to a subquery that claims rows, so concurrent claimers skip each other's rows. */
  skipLocked: Prisma.Sql
  /**
   * Free-text search of tickets (lib/tickets/search.ts decides the words): every word a word of
   * the ticket, the last one a prefix when `lastIsPrefix`. `condition` is a predicate on alias `t`;
   * `source` is the FROM clause (ticket alias `t`) and predicate of a newest-first page, whose `id`
   * is the column to order by (descending) and to compare with a keyset cursor.
   */
  ticketSearch: {
    condition(words: string[], lastIsPrefix: boolean): Prisma.Sql
    source(words: string[], lastIsPrefix: boolean): TicketSearchSource
  }
  /** True when `error` is a unique-constraint violation raised by our own driver or by Prisma. */
  isUniqueViolation(error: unknown): boolean
}

/** SQLite: the FTS5 MATCH expression, every word quoted so FTS5 syntax never gets through. */
export function fts5Match(words: string[], lastIsPrefix: boolean): string {
  return words.map((w, i) => `"${w}"${i === words.length - 1 && lastIsPrefix ? '*' : ''}`).join(' AND ')
}

const errorCode = (error: unknown) => (error as { code?: unknown } | null)?.code
const errorMessage = (error: unknown) => String((error as Error | null)?.message ?? '')

const sqlite: SqlDialect = {
  provider: 'sqlite',
  // Dates as the stored text ending "+00:00" (lib/time/stored-date.ts), booleans as 0/1: what the
  // Prisma adapter writes, so rows compare alike whoever wrote them.
  bind: (value) => (value instanceof Date ? storedDate(value) : typeof value === 'boolean' ? (value ? 1 : 0) : value),
  true: Prisma.sql`1`,
  false: Prisma.sql`0`,
  never: Prisma.sql`0`,
  // SQLite's min() and max() with several arguments are scalar functions.
  least: (...values) => Prisma.sql`MIN(${Prisma.join(values)})`,
  greatest: (...values) => Prisma.sql`MAX(${Prisma.join(values)})`,
  dateText: (column) => column,
  integerRows: (ids) => Prisma.sql`SELECT "value" FROM json_each(${JSON.stringify(ids)})`,
  forUpdate: Prisma.empty,
  forKeyShare: Prisma.empty,
  skipLocked: Prisma.empty, // one writer at a time: a claim is atomic already
  ticketSearch: {
    condition: (words, lastIsPrefix) =>
      Prisma.sql`t."id" IN (SELECT "rowid" FROM "ticket_fts" WHERE "ticket_fts" MATCH ${fts5Match(words, lastIsPrefix)})`,
    source: (words, lastIsPrefix) => ({
      // The FTS5 index drives in descending rowid (= id) order, each hit joined to its ticket by
      // primary key: a page stops after `limit` hits. CROSS JOIN fixes that order.
      from: Prisma.sql`"ticket_fts" f CROSS JOIN "Ticket" t ON t."id" = f."rowid"`,
      match: Prisma.sql`f."ticket_fts" MATCH ${fts5Match(words, lastIsPrefix)}`,
      id: Prisma.sql`f."rowid"`,
      index: Prisma.sql`"ticket_fts" f`,
      words: words.length,
    }),
  },
  isUniqueViolation: (error) =>
    errorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' || errorCode(error) === 'P2002' || /UNIQUE constraint failed/.test(errorMessage(error)),
}

/**
 * PostgreSQL: the GIN index "Ticket_search_idx" is over the stored column "searchVector", which
 * the database computes from the same six columns as SQLite's FTS5 table (prisma/migrations-postgresql,
 * 20261202100004_stored_search_vector); relais_search_query builds the tsquery from the words with
 * the same normalisation (accents removed, split on anything not a letter or digit).
 */
const tsMatch = (words: string[], lastIsPrefix: boolean) =>
  Prisma.sql`t."searchVector" @@ relais_search_query(${words.join(' ')}, ${lastIsPrefix})`

const postgresql: SqlDialect = {
  provider: 'postgresql',
  // Dates as the same UTC text: a "timestamp(3)" column reads it as UTC (the offset is +00:00).
  // PostgreSQL's text cannot hold U+0000, which SQLite stores: it becomes U+FFFD (the replacement
  // character) rather than failing the whole write with a 500 (a NUL typed into a form).
  bind: (value) => (value instanceof Date ? storedDate(value) : typeof value === 'string' && value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value),
  true: Prisma.sql`TRUE`,
  false: Prisma.sql`FALSE`,
  never: Prisma.sql`FALSE`,
  least: (...values) => Prisma.sql`LEAST(${Prisma.join(values)})`,
  greatest: (...values) => Prisma.sql`GREATEST(${Prisma.join(values)})`,
  dateText: (column) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"')`,
  integerRows: (ids) => Prisma.sql`SELECT "value"::integer AS "value" FROM json_array_elements_text(${JSON.stringify(ids)}::json)`,
  forUpdate: Prisma.sql`FOR UPDATE`,
  forKeyShare: Prisma.sql`FOR KEY SHARE`,
  skipLocked: Prisma.sql`FOR UPDATE SKIP LOCKED`,
  ticketSearch: {
    condition: tsMatch,
    source: (words, lastIsPrefix) => ({
      from: Prisma.sql`"Ticket" t`,
      match: tsMatch(words, lastIsPrefix),
      id: Prisma.sql`t."id"`,
      index: Prisma.sql`"Ticket" t`,
      words: words.length,
    }),
  },
  // 23505: unique_violation, from pg directly or wrapped by Prisma (P2002).
  isUniqueViolation: (error) =>
    errorCode(error) === '23505' || errorCode(error) === 'P2002' || /duplicate key value violates unique constraint/.test(errorMessage(error)),
}

/** The dialect of the configured database. */
export function sqlDialect(): SqlDialect {
  return databaseProvider() === 'postgresql' ? postgresql : sqlite
}

/** A parameter as the configured provider binds it. */
export function bindValue(value: unknown): unknown {
  return sqlDialect().bind(value)
}

// ---- Privacy lookups (issue 18): case folding of every letter, the same on both providers ----

/**
 * `text` in lower case, every letter folded (not only ASCII): a login typed "Élodie" is found by
 * "élodie". PostgreSQL's lower() does so under a UTF-8 LC_CTYPE (C.UTF-8, fr_FR.UTF-8…); SQLite's
 * folds ASCII only, so there it is `relais_lower`, JavaScript's toLowerCase, which
 * `registerSqliteFunctions` defines on our own connection: usable through readRows only.
 */
export function lowerText(text: Prisma.Sql): Prisma.Sql {
  return databaseProvider() === 'postgresql' ? Prisma.sql`lower(${text})` : Prisma.sql`relais_lower(${text})`
}

/** The SQL functions our own SQLite connection offers beyond SQLite's (see `lowerText`). */
export function registerSqliteFunctions(connection: { function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown }): void {
  connection.function('relais_lower', { deterministic: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value))
}

// ---- Dashboard reads (issue 18) ----

/**
 * SQLite's `INDEXED BY "index"` after a table name: the dashboard names the index its range reads
 * (SQLite's planner may otherwise pick another). PostgreSQL has no such hint and needs none: its
 * planner costs the ranges with the table's statistics.
 */
export function indexedBy(index: string): Prisma.Sql {
  return databaseProvider() === 'postgresql' ? Prisma.empty : Prisma.raw(`INDEXED BY "${index.replace(/"/g, '""')}"`)
}
