import { describe, expect, it } from 'vitest'
import { db, ownWalCheckpoints, ownWalSync, readRows, withConnection } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { createReport } from '@/lib/reports/mutations'
import { updateTicket } from '@/lib/tickets/mutations'
import { AUTOCHECKPOINT_BACKSTOP, CHECKPOINT_PAGES } from '@/lib/wal-checkpoint'
import { createStaff, createTicketRow } from '../support/factories'

// createReport writes every report through lib/tickets/create.ts in a group commit on our own
// connection (lib/db-write.ts). It must store the rows Prisma would, and interleave safely with
// Prisma transactions (admin updates) behind the one gate (lib/db.ts).

// RELAIS_TEST_DATABASE=postgresql: the same file on PostgreSQL (npm run test:postgres).
const postgres = process.env.RELAIS_TEST_DATABASE === 'postgresql'
const message = 'Votre identifiant ou votre mot de passe est incorrect'
const entMessage = 'Après la connexion à l’ENT, PRONOTE affiche « Identification impossible » avec un formulaire à envoyer.'

async function file(input: Record<string, unknown>) {
  const result = await createReport(input)
  if (!result.ok) throw new Error(JSON.stringify(result))
  return db.ticket.findUniqueOrThrow({ where: { reference: result.value.reference }, include: { events: true } })
}

describe('createReport storage', () => {
  it('stores what Prisma would: columns, defaults, dates, one CREATED event', async () => {
    const before = Date.now()
    const t = await file({
      message,
      fullName: 'Ambroise Fast-Path',
      profile: 'PARENT',
      email: 'ambroise@exemple.fr',
      establishment: 'Collège Jean Moulin',
      login: 'afast',
      url: 'https://0950000a.index-education.net/pronote/parent.html',
      occurredAt: '2026-11-20T08:30',
    })
    expect(t).toMatchObject({
      status: 'NEW',
      category: 'BAD_CREDENTIALS',
      autoCategory: 'BAD_CREDENTIALS',
      priority: 0,
      version: 1,
      assigneeId: null,
      entFailureId: null,
      closedAt: null,
      anonymizedAt: null,
      publicMessage: null,
      fullName: 'Ambroise Fast-Path',
      email: 'ambroise@exemple.fr',
      entName: null,
      entLogin: null,
    })
    expect(t.trackingTokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(t.occurredAt.toISOString()).toBe('2026-11-20T07:30:00.000Z') // Paris time, read back as a Date
    expect(t.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1)
    expect(t.createdAt.getTime()).toBeLessThanOrEqual(Date.now())
    expect(t.updatedAt).toEqual(t.createdAt)
    expect(JSON.parse(t.evidence)).toEqual(expect.any(Array))
    expect(t.events).toHaveLength(1)
    expect(t.events[0]).toMatchObject({ type: 'CREATED', actorId: null, before: null, note: null })
    expect(JSON.parse(t.events[0]!.after!)).toEqual({ status: 'NEW', category: 'BAD_CREDENTIALS' })
    // SQLite: stored in the same text format as Prisma's own writes, so SQL comparisons on dates
    // still sort. PostgreSQL: a timestamp column, read back as the same UTC instant.
    const [raw] = await readRows<Record<string, string | Date>>(Prisma.sql`SELECT "createdAt", "occurredAt" FROM "Ticket" WHERE "id" = ${t.id}`)
    const viaPrisma = await createTicketRow()
    const [rawPrisma] = await readRows<Record<string, string | Date>>(Prisma.sql`SELECT "createdAt" FROM "Ticket" WHERE "id" = ${viaPrisma.id}`)
    if (postgres) {
      expect(raw).toEqual({ createdAt: t.createdAt, occurredAt: t.occurredAt })
      expect(rawPrisma).toEqual({ createdAt: viaPrisma.createdAt })
    } else {
      expect(raw!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/)
      expect(rawPrisma!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/)
    }
  })

  it('stores a report whose text holds a NUL character (PostgreSQL text cannot: it becomes U+FFFD)', async () => {
    const result = await createReport({ message: 'Erreur\u0000 503', fullName: 'Nul Caractère', profile: 'ELEVE' })
    expect(result.ok).toBe(true)
    const row = await db.ticket.findFirstOrThrow({ where: { fullName: 'Nul Caractère' } })
    expect(row.message).toBe(postgres ? 'Erreur\uFFFD 503' : 'Erreur\u0000 503')
  })

  it('files ENT identity reports in the same transaction, attached to their EntFailure (new record, then a repeat)', async () => {
    const t = await file({ message: entMessage, fullName: 'Léa Fastpath', profile: 'ELEVE', entName: 'Toutatice', entLogin: 'lea.fastpath' })
    expect(t.category).toBe('ENT_IDENTITY_MISMATCH')
    expect(t.entFailureId).not.toBeNull()
    expect(t.events.map((e) => e.type)).toEqual(['CREATED'])
    const repeat = await file({ message: entMessage, fullName: 'Lea FASTPATH', profile: 'ELEVE', entName: 'toutatice', entLogin: 'LEA.FASTPATH' })
    expect(repeat.entFailureId).toBe(t.entFailureId)
    const record = await db.entFailure.findUniqueOrThrow({ where: { id: t.entFailureId! }, include: { events: { orderBy: { id: 'asc' } } } })
    expect(record).toMatchObject({ identityKey: 'ent:toutatice|lea.fastpath', weakKey: false, status: 'OPEN', reportCount: 2, version: 2, entName: 'Toutatice', fullName: 'Léa Fastpath' })
    expect(record.id).toMatch(/^c[0-9a-z]{24}$/)
    expect(record.firstReportedAt).toEqual(t.createdAt)
    expect(record.lastReportedAt).toEqual(repeat.createdAt)
    expect(record.events.map((e) => [e.type, JSON.parse(e.after!)])).toEqual([
      ['CREATED', { ticketId: t.id, status: 'OPEN' }],
      ['REPORT_ADDED', { ticketId: repeat.id }],
    ])
  })

  it('never joins (nor rolls back with) a Prisma transaction that is open on the connection', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let pending: ReturnType<typeof createReport> | undefined
    const outer = db.$transaction(async (tx) => {
      await tx.staffUser.create({ data: { email: 'rolled-back@exemple.test', name: 'Rollback', passwordHash: 'x' } })
      pending = createReport({ message, fullName: 'Pendant La Transaction', profile: 'ELEVE' })
      await gate
      throw new Error('roll back the outer transaction')
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    release()
    await expect(outer).rejects.toThrow('roll back the outer transaction')
    const result = await pending!
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(await db.staffUser.count({ where: { email: 'rolled-back@exemple.test' } })).toBe(0)
    expect(await db.ticket.count({ where: { reference: result.value.reference } })).toBe(1)
  })

  it('interleaves concurrent submissions with admin updates: no SQLITE_BUSY, every row stored', async () => {
    const agent = await createStaff()
    const target = await createTicketRow()
    const submissions = Array.from({ length: 60 }, (_, i) =>
      createReport(
        i % 10 === 0
          ? { message: entMessage, fullName: `Ent Concurrent ${i}`, profile: 'ELEVE', entName: 'Toutatice', entLogin: `ent.concurrent.${i}` }
          : { message, fullName: `Concurrent ${i}`, profile: 'PARENT', login: `concurrent${i}` },
      ),
    )
    const updates = (async () => {
      let version = target.version
      for (let i = 0; i < 10; i++) {
        const r = await updateTicket(agent, target.reference, { version, assigneeId: i % 2 === 0 ? agent.id : null, note: `Relance ${i}` })
        if (!r.ok) throw new Error(JSON.stringify(r))
        version = r.value.version
      }
      return version
    })()
    const [results, finalVersion] = await Promise.all([Promise.all(submissions), updates])
    expect(results.every((r) => r.ok)).toBe(true)
    const references = results.map((r) => (r.ok ? r.value.reference : ''))
    expect(new Set(references).size).toBe(60)
    expect(await db.ticket.count({ where: { reference: { in: references } } })).toBe(60)
    expect(await db.ticketEvent.count({ where: { type: 'CREATED', ticket: { reference: { in: references } } } })).toBe(60)
    expect(finalVersion).toBe(target.version + 10)
    expect(await db.ticket.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ version: target.version + 10, assigneeId: null })
  })

  /** Five reports at once, one refused by the test's trigger: that one alone is lost, with its event. */
  async function expectOnlyTheRefusedOneLost() {
    const names = ['Groupe Un', 'Groupe Deux', 'Refusé Parlabase', 'Groupe Quatre', 'Groupe Cinq']
    const settled = await Promise.allSettled(names.map((fullName) => createReport({ message, fullName, profile: 'ELEVE' })))
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect(String((settled[2] as PromiseRejectedResult).reason)).toContain('refused by test trigger')
    const stored = await db.ticket.findMany({ where: { fullName: { in: names } }, include: { events: true } })
    expect(stored.map((t) => t.fullName).sort()).toEqual(['Groupe Cinq', 'Groupe Deux', 'Groupe Quatre', 'Groupe Un'])
    expect(stored.every((t) => t.events.length === 1)).toBe(true)
  }

  it.runIf(postgres)('stores each submission in its own transaction: a failing one is rolled back alone', async () => {
    // A trigger of this test file's own database refuses one person's ticket.
    await db.$executeRawUnsafe(`CREATE FUNCTION "refuse_one"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test trigger'; END $$`)
    await db.$executeRawUnsafe(`CREATE TRIGGER "refuse_one" BEFORE INSERT ON "Ticket" FOR EACH ROW
      WHEN (new."fullName" = 'Refusé Parlabase') EXECUTE FUNCTION "refuse_one"()`)
    try {
      await expectOnlyTheRefusedOneLost()
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER "refuse_one" ON "Ticket"`)
      await db.$executeRawUnsafe(`DROP FUNCTION "refuse_one"()`)
    }
  })

  // The group commit is SQLite's (lib/db-write.ts).
  it.skipIf(postgres)('commits submissions of one event-loop turn together; a failing one is rolled back alone', async () => {
    // A temporary trigger lives on this connection only: it refuses one person's ticket.
    await withConnection((connection) => connection.exec(`CREATE TEMP TRIGGER "refuse_one" BEFORE INSERT ON "Ticket" WHEN new."fullName" = 'Refusé Parlabase'
      BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END`))
    try {
      await expectOnlyTheRefusedOneLost()
      expect(await withConnection((connection) => connection.inTransaction)).toBe(false)
    } finally {
      await withConnection((connection) => connection.exec(`DROP TRIGGER "temp"."refuse_one"`))
    }
  })

  it.skipIf(postgres)('answers and stores every submission of a turn larger than one transaction holds, each once', async () => {
    const syncsBefore = ownWalSync().stats().completed
    const names = Array.from({ length: 75 }, (_, i) => `Rentrée Élève ${i + 1}`)
    const results = await Promise.all(names.map((fullName) => createReport({ message, fullName, profile: 'ELEVE' })))
    expect(results.every((r) => r.ok)).toBe(true)
    const stored = await db.ticket.findMany({ where: { fullName: { in: names } }, select: { fullName: true } })
    expect(stored.map((t) => t.fullName).sort()).toEqual([...names].sort())
    // 75 writes of one turn: several transactions (lib/db-write.ts holds at most 32), each synced.
    expect(ownWalSync().stats().completed - syncsBefore).toBeGreaterThanOrEqual(3)
  })

  // lib/wal-sync.ts: our connection commits with synchronous=NORMAL, so the fsync that makes a
  // report durable is ours to wait for.
  it.skipIf(postgres)('answers a submission only after a WAL sync that started after its commit has completed', async () => {
    const [mode] = await withConnection((connection) => connection.pragma('synchronous') as { synchronous: number }[])
    expect(mode!.synchronous).toBe(1) // NORMAL: COMMIT itself does not wait for the disk
    const before = ownWalSync().stats()
    const [a, b] = await Promise.all([
      createReport({ message, fullName: 'Durable Un', profile: 'ELEVE' }),
      createReport({ message, fullName: 'Durable Deux', profile: 'ELEVE' }),
    ])
    expect(a.ok && b.ok).toBe(true)
    // A sync started after the call (number before.started + 1 or later) had completed.
    expect(ownWalSync().stats().completed).toBeGreaterThan(before.started)
  })

  // lib/wal-checkpoint.ts: the checkpoint a COMMIT would run runs after the batch's answers.
  it.skipIf(postgres)('checkpoints the WAL after the answers, at the usual size, never inside a COMMIT', async () => {
    const [auto] = await withConnection((connection) => connection.pragma('wal_autocheckpoint') as { wal_autocheckpoint: number }[])
    expect(auto!.wal_autocheckpoint).toBe(AUTOCHECKPOINT_BACKSTOP)
    const frames = () => withConnection((connection) => (connection.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]!.log)
    const before = ownWalCheckpoints().stats().checkpoints
    let most = 0
    // One at a time: each its own transaction, ~40 pages, as reports arrive at a quiet moment.
    for (let i = 0; i < 120; i++) {
      const filed = await createReport({ message, fullName: `Point De Contrôle ${i}`, email: `controle.${i}@example.test`, profile: 'PARENT' })
      expect(filed.ok).toBe(true)
      most = Math.max(most, await frames())
    }
    expect(ownWalCheckpoints().stats().checkpoints - before).toBeGreaterThanOrEqual(2)
    // Deferred checkpoints kept the WAL near the usual 1,000 pages: SQLite's own, at the backstop,
    // never had to run.
    expect(most).toBeLessThan(AUTOCHECKPOINT_BACKSTOP)
    expect(most).toBeGreaterThan(CHECKPOINT_PAGES / 4)
  })

  it.skipIf(postgres)('fails the batch, rather than acknowledging it, when the WAL cannot be synced', async () => {
    const wal = ownWalSync()
    const { synced, syncedNow } = wal
    // Off the event loop (synced) or on it (syncedNow, for a batch of one or two): the disk fails.
    wal.synced = () => Promise.reject(new Error('EIO: i/o error, fdatasync'))
    wal.syncedNow = () => {
      throw new Error('EIO: i/o error, fdatasync')
    }
    try {
      const result = createReport({ message, fullName: 'Disque Défaillant', profile: 'ELEVE' })
      await expect(result).rejects.toThrow(/fdatasync/)
      const batch = ['Disque Un', 'Disque Deux', 'Disque Trois'].map((fullName) => createReport({ message, fullName, profile: 'ELEVE' }))
      for (const one of batch) await expect(one).rejects.toThrow(/fdatasync/)
    } finally {
      Object.assign(wal, { synced, syncedNow })
    }
  })
})
