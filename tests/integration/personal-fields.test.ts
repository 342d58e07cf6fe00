import { describe, expect, it } from 'vitest'
import { databaseProvider, db } from '@/lib/db'
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

/** The columns of `table`, from the provider's catalogue. */
async function tableColumns(table: string): Promise<string[]> {
  const rows =
    databaseProvider() === 'postgresql'
      ? await db.$queryRaw<{ name: string }[]>`SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`
      : await db.$queryRaw<{ name: string }[]>`SELECT name FROM pragma_table_info(${table})`
  return rows.map((c) => c.name)
}

/**
 * The Ticket columns the search reads: SQLite's FTS5 table's columns; on PostgreSQL the columns
 * passed to the search vector of the GIN index "Ticket_search_idx" (named in its definition, quoted only when not lower case).
 */
async function searchIndexColumns(): Promise<string[]> {
  if (databaseProvider() === 'sqlite') return tableColumns('ticket_fts')
  const [index] = await db.$queryRaw<{ definition: string }[]>`SELECT indexdef AS definition FROM pg_indexes WHERE indexname = 'Ticket_search_idx'`
  const args = /relais_ticket_search_vector\((.*)\)\)/.exec(index!.definition)![1]!
  return args.split(',').map((arg) => arg.trim().replace(/^"|"$/g, ''))
}

describe('the personal fields of a ticket', () => {
  it('name every column the search index holds, and only those marked searched', async () => {
    const indexed = (await searchIndexColumns()).filter((name) => name !== 'reference')
    const searched = ticketPersonalFieldNames.filter((name) => ticketPersonalFields[name].searched)
    expect(indexed.sort()).toEqual([...searched].sort())
  })

  it('are every column the table has for them (a new Ticket column must be classed)', async () => {
    const columns = await tableColumns('Ticket')
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
