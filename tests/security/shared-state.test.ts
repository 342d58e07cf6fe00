import pg from 'pg'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createSignInLimiter } from '@/lib/auth/sign-in-limiter'
import { databaseProvider } from '@/lib/db'
import { createLimiters } from '@/lib/security/rate-limits'
import { countTicketFacets } from '@/lib/tickets/facets'
import { createStaff, createTicketRow } from '../support/factories'

// Several app processes on one PostgreSQL database (issue 18): the state one SQLite process keeps in
// memory lives in the database, so a limit holds whichever process answers. Each "process" here is
// a limiter of its own, as each server process builds one; a second pg client stands in for another
// process's writes. On SQLite one process serves the app and this state is in memory by design, so
// these checks do not apply there (tests/security/multi-process.test.ts runs three real servers).
const postgres = inject('testDatabase').provider === 'postgresql'
const other = postgres ? new pg.Client({ connectionString: process.env.DATABASE_URL }) : null
beforeAll(() => other?.connect())
afterAll(() => other?.end())

const settings = { reportsPerMinute: 30, reportsPerPerson: 5, classifyPerMinute: 600 }

async function allowed(consume: Promise<unknown>): Promise<boolean> {
  try {
    await consume
    return true
  } catch (error) {
    if (error instanceof RateLimiterRes) return false
    throw error
  }
}

describe.runIf(postgres)('rate limits shared by every process (PostgreSQL)', () => {
  it('one person’s sixth report is refused by another process than the five before', async () => {
    expect(databaseProvider()).toBe('postgresql')
    const [first, second] = [createLimiters(settings, 'shared-1:'), createLimiters(settings, 'shared-1:')]
    const key = '192.0.2.61|name:camille martin'
    const decisions = []
    for (let i = 0; i < 6; i++) decisions.push(await allowed((i % 2 ? first : second).reportsPerPerson.consume(key)))
    expect(decisions).toEqual([true, true, true, true, true, false])
    const { rows } = await other!.query(`SELECT "points" FROM "_relais_rate_limits" WHERE "key" = $1`, [`shared-1:reports-person:${key}`])
    expect(rows).toEqual([{ points: 6 }])
  })

  it('counts every point of a concurrent burst across processes exactly once', async () => {
    const processes = [0, 1, 2].map(() => createLimiters(settings, 'shared-2:'))
    // Per address: 30 a minute over 10 minutes, 300 points.
    const burst = Array.from({ length: 360 }, (_, i) => allowed(processes[i % 3]!.reportsPerAddress.consume('198.51.100.62')))
    const decisions = await Promise.all(burst)
    expect(decisions.filter(Boolean)).toHaveLength(300)
  })
})

describe.runIf(postgres)('the sign-in slow-down shared by every process (PostgreSQL)', () => {
  it('failures counted by one process delay the next attempt on another', async () => {
    const now = Date.now()
    const [first, second] = [createSignInLimiter(() => now), createSignInLimiter(() => now)]
    const email = `shared-${crypto.randomUUID()}@lycee.test`
    for (let i = 0; i < 4; i++) await (i % 2 ? first : second).recordFailure(email, '203.0.113.63')
    expect(await first.lockedFor(email, '203.0.113.63')).toEqual({ ms: 2000, locked: false })
    expect(await second.lockedFor(email, '203.0.113.63')).toEqual({ ms: 2000, locked: false })
    await second.recordSuccess(email, '203.0.113.63')
    expect(await first.lockedFor(email, '203.0.113.63')).toBeNull()
  })

  it('concurrent failures from several processes are all counted', async () => {
    const now = Date.now()
    const processes = [0, 1, 2].map(() => createSignInLimiter(() => now))
    const email = `burst-${crypto.randomUUID()}@lycee.test`
    await Promise.all(Array.from({ length: 12 }, (_, i) => processes[i % 3]!.recordFailure(email, `192.0.2.${i + 1}`)))
    // 12 failures on the account from 12 addresses: 2 ** (12 - 10) = 4 s (one lost failure: 2 s).
    expect(await processes[0]!.lockedFor(email, '192.0.2.200')).toEqual({ ms: 4000, locked: false })
  })
})

describe.runIf(postgres)('the facet counts across processes (PostgreSQL)', () => {
  it('a change made through another process shows in this process’s counts at once', async () => {
    const agent = await createStaff({ role: 'ADMIN' })
    const ticket = await createTicketRow({ establishment: 'Lycée des Processus' })
    const before = await countTicketFacets(agent, {})
    // Another process changes the ticket and invalidates the counts, as invalidateTicketCounts does there.
    await other!.query(`UPDATE "Ticket" SET "status" = 'RESOLVED' WHERE "id" = $1`, [ticket.id])
    await other!.query(`SELECT nextval('"_relais_ticket_counts_version"')`)
    const after = await countTicketFacets(agent, {})
    expect(after.byStatus.RESOLVED.count).toBe(before.byStatus.RESOLVED.count + 1)
    expect(after.byStatus.NEW.count).toBe(before.byStatus.NEW.count - 1)
  })
})

describe.runIf(!postgres)('shared process state on SQLite', () => {
  it('is in memory: one process serves the app on SQLite (these checks run under npm run test:postgres)', () => {
    expect(databaseProvider()).toBe('sqlite')
  })
})
