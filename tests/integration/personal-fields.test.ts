import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { erasePersonalData, exportPersonalData } from '@/lib/privacy/person-data'
import { ticketPersonalFieldNames, ticketPersonalFields } from '@/lib/tickets/personal-fields'
import { createStaff, createTicketRow } from '../support/factories'

// One list of a ticket's personal columns (lib/tickets/personal-fields.ts) serves the search index,
// the personal-data export and the anonymisation: each is checked against it here, so a column added
// to one and not the list fails.

const filled = {
  message: 'Mon mot de passe ne marche pas',
  fullName: 'Zoé Listeunique',
  email: 'zoe.listeunique@example.test',
  login: 'zlisteunique',
  entName: 'Toutatice',
  entLogin: 'zoe.liste',
  url: 'https://0123456a.index-education.net/pronote/parent.html',
  publicMessage: 'Votre compte est rétabli.',
  evidence: '[{"start":0,"end":3}]',
  variant: 'ACCOUNT_LOCKED',
}

const postgres = process.env.RELAIS_TEST_DATABASE === 'postgresql'

/** The columns the search index holds: the FTS5 table's (SQLite), the stored search column's arguments (PostgreSQL). */
async function searchIndexColumns(): Promise<string[]> {
  if (!postgres) return (await db.$queryRaw<{ name: string }[]>`SELECT name FROM pragma_table_info('ticket_fts')`).map((c) => c.name)
  const [column] = await db.$queryRaw<{ expression: string }[]>`SELECT generation_expression AS "expression"
    FROM information_schema.columns WHERE table_name = 'Ticket' AND column_name = 'searchVector'`
  const args = /relais_ticket_search_vector\(([^)]*)\)/.exec(column!.expression)![1]!
  return args.split(',').map((arg) => arg.trim().replace(/^"|"$/g, ''))
}

async function ticketColumns(): Promise<string[]> {
  const rows = postgres
    ? await db.$queryRaw<{ name: string }[]>`SELECT column_name::text AS "name" FROM information_schema.columns WHERE table_name = 'Ticket'`
    : await db.$queryRaw<{ name: string }[]>`SELECT name FROM pragma_table_info('Ticket')`
  return rows.map((c) => c.name)
}

describe('the personal fields of a ticket', () => {
  it('name every column the search index holds, and only those marked searched', async () => {
    const indexed = (await searchIndexColumns()).filter((name) => name !== 'reference')
    const searched = ticketPersonalFieldNames.filter((name) => ticketPersonalFields[name].searched)
    expect(indexed.sort()).toEqual([...searched].sort())
  })

  it('are every column the table has for them (a new Ticket column must be classed)', async () => {
    const columns = await ticketColumns()
    expect(columns).toContain('reference')
    for (const name of ticketPersonalFieldNames) expect(columns).toContain(name)
  })

  it('are all given by the export and all blanked by the erasure', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    await createTicketRow(filled)
    const exported = await exportPersonalData(admin, { kind: 'email', value: filled.email })
    if (!exported.ok) throw new Error(exported.code)
    expect(exported.value.tickets).toHaveLength(1)
    for (const name of ticketPersonalFieldNames) expect(exported.value.tickets[0]![name]).toBe(filled[name])

    expect(await erasePersonalData(admin, { kind: 'email', value: filled.email })).toMatchObject({ ok: true, value: { erased: 1 } })
    const row = await db.ticket.findFirstOrThrow({ where: { message: { not: filled.message }, fullName: ticketPersonalFields.fullName.erasedTo }, orderBy: { id: 'desc' } })
    for (const name of ticketPersonalFieldNames) expect(row[name]).toBe(ticketPersonalFields[name].erasedTo)
    expect(row.anonymizedAt).toBeInstanceOf(Date)
  })
})
