import 'server-only'
import { headers } from 'next/headers'
import { RateLimiterRes } from 'rate-limiter-flexible'
import unhomoglyph from 'unhomoglyph'
import { clientAddress } from '@/lib/security/client-address'
import { databaseProvider } from '@/lib/sql-dialect'
import { env } from '@/lib/env'
import { errorResponse } from '@/lib/result'
import { MemoryRateLimiter } from './memory-limiter'
import { postgresRateLimiter, type LimiterOptions } from './postgres-limiter'

// Abuse limits for the public endpoints, designed for schools: a whole school often reaches us from
// ONE address (NAT), so the per-address limits are generous and a tight limit applies only to one
// person repeating themselves (same address + same normalised name or login).
// SQLite: in memory, one Node process serves the app and a restart clearing counters is acceptable.
// PostgreSQL: in the database (lib/security/postgres-limiter.ts), shared by every app process, so a
// limit holds whichever process answers (issue 18). Same limits, keys, messages and statuses.

const REPORT_WINDOW_SECONDS = 10 * 60
const CLASSIFY_WINDOW_SECONDS = 60

export const RATE_LIMITED_MESSAGE =
  'Vous avez envoyé beaucoup de demandes en peu de temps. Merci de patienter quelques minutes avant de réessayer : vos informations sont conservées dans le formulaire.'

export type LimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number; message: string }

/** A counter per key and window: the memory one (SQLite) or rate-limiter-flexible's PostgreSQL one. */
interface Limiter {
  /** Resolves when the key may go on; rejects with a RateLimiterRes (the wait) when over its limit. */
  consume(key: string): Promise<unknown>
}

interface Limiters {
  reportsPerAddress: Limiter
  reportsPerPerson: Limiter
  classifyPerAddress: Limiter
}

export interface LimitSettings {
  reportsPerMinute: number
  reportsPerPerson: number
  classifyPerMinute: number
}

/**
 * The three limiters, in memory (SQLite) or in the database (PostgreSQL). `namespace` prefixes every
 * key: empty in the app; `resetRateLimits` moves it so a test starts from no counts.
 */
export function createLimiters(settings: LimitSettings, namespace = ''): Limiters {
  const shared = databaseProvider() === 'postgresql'
  const limiter = (options: LimiterOptions, sweeps = false) =>
    shared ? postgresRateLimiter({ ...options, keyPrefix: namespace + options.keyPrefix }, sweeps) : new MemoryRateLimiter(options)
  return {
    reportsPerAddress: limiter(
      { keyPrefix: 'reports-address', points: settings.reportsPerMinute * (REPORT_WINDOW_SECONDS / 60), duration: REPORT_WINDOW_SECONDS },
      namespace === '', // the app's limiters sweep the shared table; a test's fresh ones need not
    ),
    reportsPerPerson: limiter({ keyPrefix: 'reports-person', points: settings.reportsPerPerson, duration: REPORT_WINDOW_SECONDS }),
    classifyPerAddress: limiter({ keyPrefix: 'classify-address', points: settings.classifyPerMinute, duration: CLASSIFY_WINDOW_SECONDS }),
  }
}

const globalForLimits = globalThis as unknown as { relaisLimiters?: Limiters; relaisLimitsReset?: number }

function limiters(): Limiters {
  const { RATE_LIMIT_REPORTS_PER_MIN, RATE_LIMIT_REPORTS_PER_PERSON, RATE_LIMIT_CLASSIFY_PER_MIN } = env()
  const resets = globalForLimits.relaisLimitsReset ?? 0
  return (globalForLimits.relaisLimiters ??= createLimiters(
    { reportsPerMinute: RATE_LIMIT_REPORTS_PER_MIN, reportsPerPerson: RATE_LIMIT_REPORTS_PER_PERSON, classifyPerMinute: RATE_LIMIT_CLASSIFY_PER_MIN },
    resets > 0 ? `reset-${process.pid}-${resets}:` : '',
  ))
}

/** The address used as a limit key (see lib/security/client-address.ts for which header is trusted). */
export function requestAddress(headers: Headers): string {
  return clientAddress(headers)
}

/**
 * "  Élodie   MARTIN " and "martin elodie" are the same person, and so are spellings made to look
 * the same (issue 11, finding 5): compatibility forms folded (NFKC), invisible characters dropped
 * (zero-width space, soft hyphen: Unicode's default-ignorable code points), accents dropped, and
 * look-alike letters from other scripts (Cyrillic "а", Greek "Ι") folded to one skeleton with
 * Unicode's confusables table (the unhomoglyph package). Folded in upper case, where Latin, Greek
 * and Cyrillic look alike the most, then lower-cased. Only a counting key: never shown or stored.
 */
export function normaliseIdentity(value: string): string {
  const plain = value
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
  return unhomoglyph(plain.toUpperCase())
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._-]+/u)
    .filter(Boolean)
    .sort()
    .join(' ')
    .slice(0, 200)
}

async function consume(limiter: Limiter, key: string): Promise<number | null> {
  try {
    await limiter.consume(key)
    return null
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000))
    throw error
  }
}

function decide(waits: (number | null)[]): LimitDecision {
  const blocked = waits.filter((w): w is number => w !== null)
  if (blocked.length === 0) return { ok: true }
  return { ok: false, retryAfterSeconds: Math.max(...blocked), message: RATE_LIMITED_MESSAGE }
}

export interface ReportIdentity {
  fullName?: unknown
  login?: unknown
}

/**
 * Counts one report submission. Per address (generous) and per person at that address (tight):
 * the person is known by their normalised full name and, separately, by their login, so changing
 * one of the two does not reset the count.
 */
export async function limitReportSubmission(headers: Headers, identity: ReportIdentity): Promise<LimitDecision> {
  const l = limiters()
  const address = requestAddress(headers)
  const keys = (
    [
      ['name', identity.fullName],
      ['login', identity.login],
    ] as const
  )
    .map(([kind, v]) => {
      const normalised = typeof v === 'string' ? normaliseIdentity(v) : ''
      return normalised ? `${kind}:${normalised}` : null
    })
    .filter((k): k is string => k !== null)
  const waits = [await consume(l.reportsPerAddress, address)]
  for (const key of keys) waits.push(await consume(l.reportsPerPerson, `${address}|${key}`))
  return decide(waits)
}

/** Counts one classification call (the form's live diagnosis) per address. */
export async function limitClassification(headers: Headers): Promise<LimitDecision> {
  return decide([await consume(limiters().classifyPerAddress, requestAddress(headers))])
}

/** The 429 answer of the JSON API, with Retry-After. */
export function rateLimitedResponse(decision: Extract<LimitDecision, { ok: false }>): Response {
  return errorResponse('RATE_LIMITED', {
    message: decision.message,
    headers: { 'Retry-After': String(decision.retryAfterSeconds) },
    extra: { retryAfterSeconds: decision.retryAfterSeconds },
  })
}

/**
 * Test support: forget every count (each test file runs in its own module registry anyway). On
 * PostgreSQL the counts live on in the table: the new limiters count under fresh keys instead.
 */
export function resetRateLimits(): void {
  globalForLimits.relaisLimiters = undefined
  globalForLimits.relaisLimitsReset = (globalForLimits.relaisLimitsReset ?? 0) + 1
}

/** The identity fields of a submitted body, whatever its shape (validation comes later). */
export function reportIdentityOf(body: unknown): ReportIdentity {
  if (typeof body !== 'object' || body === null) return {}
  const { fullName, login } = body as Record<string, unknown>
  return { fullName, login }
}

/**
 * The headers of the request a server action runs in. Called outside any request (a script or a
 * test calling the action directly) there is no client to key on: empty headers, address "unknown".
 */
export async function actionRequestHeaders(): Promise<Headers> {
  try {
    return new Headers(await headers())
  } catch {
    return new Headers()
  }
}
