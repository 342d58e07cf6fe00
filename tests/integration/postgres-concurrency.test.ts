import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { db } from '@/lib/db'
import { groupCommit, type Sql } from '@/lib/db-write'
import { joinIncident } from '@/lib/incidents/join'
import { claimDue } from '@/lib/mail/claim'
import { rejectEntFailure } from '@/lib/ent-failures/mutations'
import { updateTicket } from '@/lib/tickets/mutations'
import { bindValue, sqlDialect } from '@/lib/sql-dialect'
import { createStaff } from '../support/factories'
import { fileReport, messages } from '../support/reports'

// What the PostgreSQL port promises when several processes write at once (issue 18), checked with a
// second connection pool standing in for another app process: the open-incident key is a
// constraint (a second process cannot open a second incident for one key), and the outbox claim
// skips the rows another process has locked instead of waiting for them or taking them.
// On SQLite one writer at a time makes both atomic already (tests/integration/incidents.test.ts and
// mail-outbox.test.ts); these races exist only on PostgreSQL.
const postgres = inject('testDatabase').provider === 'postgresql'
const otherProcess = postgres ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 }) : null
afterAll(() => otherProcess?.end())

/** The Sql of lib/db-write.ts on a connection of the other pool, inside a transaction it opened. */
function sqlOn(client: pg.PoolClient): Sql {
  const run = (query: { text: string; values: unknown[] }) => client.query(query.text, query.values.map(bindValue))
  return {
    rows: async <T>(query: Parameters<Sql['rows']>[0]) => (await run(query)).rows as T[],
    run: async (query) => (await run(query)).rowCount ?? 0,
    insert: async (query) => Number((await run({ text: `${query.text} RETURNING "id"`, values: query.values })).rows[0].id),
  }
}

const subject = (host: string) => ({ category: 'WRONG_ADDRESS', variant: null, profile: 'PARENT', url: `https://${host}` })
const openIncidents = (key: string) => db.incident.count({ where: { key, status: 'OPEN' } })

/** Resolves to 'pending' when `promise` has not settled within `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms))])

describe.runIf(postgres)('an incident per key, whatever the number of processes (PostgreSQL)', () => {
  it('a second process opening the same incident waits on the constraint, is refused, and its retry joins the first', async () => {
    const first = await otherProcess!.connect()
    try {
      await first.query('BEGIN')
      const opened = await joinIncident(sqlOn(first), subject('race.exemple.fr'), new Date())
      // This process does not see the uncommitted incident, so it tries to open one too: the
      // partial unique index makes it wait for the first transaction…
      const second = within(groupCommit((sql) => joinIncident(sql, subject('race.exemple.fr'), new Date())), 500)
      expect(await second).toBe('pending')
      await first.query('COMMIT')
      // …then refuses it (what createReport retries on).
      const retry = (await within(groupCommit((sql) => joinIncident(sql, subject('race.exemple.fr'), new Date())), 5_000)) as { value?: unknown }
      expect(retry.value).toMatchObject({ id: opened!.id })
    } finally {
      first.release()
    }
    expect(await openIncidents('WRONG_ADDRESS:race.exemple.fr')).toBe(1)
  })

  it('the waiting writer gets a unique violation once the first commits', async () => {
    const first = await otherProcess!.connect()
    let outcome: { value?: unknown; error?: unknown } | 'pending'
    try {
      await first.query('BEGIN')
      await joinIncident(sqlOn(first), subject('refus.exemple.fr'), new Date())
      const second = within(groupCommit((sql) => joinIncident(sql, subject('refus.exemple.fr'), new Date())), 10_000)
      await new Promise((resolve) => setTimeout(resolve, 300))
      await first.query('COMMIT')
      outcome = await second
    } finally {
      first.release()
    }
    expect(outcome).not.toBe('pending')
    expect(sqlDialect().isUniqueViolation((outcome as { error?: unknown }).error)).toBe(true)
    expect(await openIncidents('WRONG_ADDRESS:refus.exemple.fr')).toBe(1)
  })

  it('150 concurrent reports through two pools make one incident holding all of them', async () => {
    const url = 'https://deux-pools.exemple.fr'
    const joinElsewhere = async (): Promise<string> => {
      for (;;) {
        const client = await otherProcess!.connect()
        try {
          await client.query('BEGIN')
          const joined = await joinIncident(sqlOn(client), subject('deux-pools.exemple.fr'), new Date())
          await client.query('COMMIT')
          return joined!.id
        } catch (error) {
          await client.query('ROLLBACK')
          if (!sqlDialect().isUniqueViolation(error)) throw error
        } finally {
          client.release()
        }
      }
    }
    const [reports, elsewhere] = await Promise.all([
      Promise.all(Array.from({ length: 100 }, () => fileReport({ message: messages.WRONG_ADDRESS, url }))),
      Promise.all(Array.from({ length: 50 }, joinElsewhere)),
    ])
    expect(reports.map((r) => r.status)).toEqual(Array(100).fill(201))
    expect(await openIncidents('WRONG_ADDRESS:deux-pools.exemple.fr')).toBe(1)
    const incident = await db.incident.findFirstOrThrow({ where: { key: 'WRONG_ADDRESS:deux-pools.exemple.fr' }, select: { id: true } })
    expect(new Set(elsewhere)).toEqual(new Set([incident.id]))
    expect(await db.ticket.count({ where: { reference: { in: reports.map((r) => r.reference) }, incidentId: incident.id } })).toBe(100)
  })
})

describe.runIf(postgres)('the outbox claim across processes (PostgreSQL)', () => {
  it('skips the rows another process holds instead of waiting for them; concurrent claimers never share a row', async () => {
    await Promise.all(Array.from({ length: 40 }, () => fileReport({ message: messages.BAD_CREDENTIALS })))
    const pending = await db.outboxMessage.findMany({ where: { state: 'PENDING' }, select: { id: true }, orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }] })
    expect(pending.length).toBeGreaterThanOrEqual(40)

    // Another process is in the middle of claiming the first five rows (they are locked).
    const holder = await otherProcess!.connect()
    const held = pending.slice(0, 5).map((row) => row.id)
    try {
      await holder.query('BEGIN')
      await holder.query(`SELECT "id" FROM "OutboxMessage" WHERE "id" = ANY($1::int[]) FOR UPDATE`, [held])
      const claimed = await within(claimDue('this-process', 10, 60), 5_000)
      expect(claimed).not.toBe('pending') // without SKIP LOCKED the claim waits for the holder
      const ids = ((claimed as { value: { id: number }[] }).value ?? []).map((row) => row.id)
      expect(ids).toHaveLength(10)
      expect(ids.filter((id) => held.includes(id))).toEqual([])
    } finally {
      await holder.query('ROLLBACK')
      holder.release()
    }

    // Eight claimers at once over what is left, until nothing is due: every row claimed once.
    const claimAll = async (owner: string) => {
      const mine: number[] = []
      for (let rows = await claimDue(owner, 7, 60); rows.length > 0; rows = await claimDue(owner, 7, 60)) mine.push(...rows.map((r) => r.id))
      return mine
    }
    const ids = (await Promise.all(Array.from({ length: 8 }, (_, i) => claimAll(`claimer-${i}`)))).flat()
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(pending.length - 10)
  })
})

describe.runIf(!postgres)('concurrent processes on SQLite', () => {
  it('do not arise: one process writes, one transaction at a time (these checks run under npm run test:postgres)', () => {
    expect(sqlDialect().provider).toBe('sqlite')
  })
})

describe.runIf(postgres)('an agent and an admin on one ENT identity record at once (PostgreSQL)', () => {
  it('closing one of its tickets while the record is decided: no deadlock, both changes land', async () => {
    const [agent, admin] = [await createStaff(), await createStaff({ role: 'ADMIN' })]
    const ent = { entName: 'Toutatice', entLogin: 'verrou.ordre', fullName: 'Ordre Des Verrous', profile: 'ELEVE' }
    const first = await fileReport({ ...ent, message: 'Identification impossible après connexion à l’ENT' })
    await fileReport({ ...ent, message: 'Après l’ENT, PRONOTE dit « Identification impossible »' })
    const ticket = await db.ticket.findUniqueOrThrow({ where: { reference: first.reference } })
    expect(ticket.entFailureId).not.toBeNull()
    // The agent's UPDATE of the ticket holds the ticket's row lock for 0.5 s (a BEFORE UPDATE
    // trigger runs with the row locked), so the admin's decision starts in the middle of it.
    await db.$executeRawUnsafe(`CREATE FUNCTION "slow_close"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(0.5); RETURN new; END $$`)
    await db.$executeRawUnsafe(`CREATE TRIGGER "slow_close" BEFORE UPDATE ON "Ticket" FOR EACH ROW
      WHEN (old."id" = ${ticket.id} AND new."status" = 'RESOLVED' AND old."status" <> 'RESOLVED') EXECUTE FUNCTION "slow_close"()`)
    try {
      const closing = updateTicket(agent, ticket.reference, { version: ticket.version, status: 'RESOLVED' })
      await new Promise((r) => setTimeout(r, 150))
      const deciding = rejectEntFailure(admin, ticket.entFailureId!, { reason: 'Aucun compte PRONOTE ne correspond à cette identité.' })
      // Before: the agent's transaction held the ticket then asked for the record (to close it with
      // its tickets), the admin's held the record then asked for the ticket: PostgreSQL aborted one
      // of them as a deadlock (40P01), a 500 for that person.
      const [closed, decided] = await Promise.all([closing, deciding])
      expect(closed.ok).toBe(true)
      expect(decided.ok).toBe(true)
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER "slow_close" ON "Ticket"`)
      await db.$executeRawUnsafe(`DROP FUNCTION "slow_close"()`)
    }
    const tickets = await db.ticket.findMany({ where: { entFailureId: ticket.entFailureId }, orderBy: { id: 'asc' } })
    expect(tickets.map((t) => t.status)).toEqual(['RESOLVED', 'REJECTED'])
    expect((await db.entFailure.findUniqueOrThrow({ where: { id: ticket.entFailureId! } })).status).toBe('REJECTED')
  })
})
