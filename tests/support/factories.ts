import crypto from 'node:crypto'
import type { Viewer, Role } from '@/lib/auth/viewer'
import { db } from '@/lib/db'

// Minimal rows with unique values, inserted directly. Domain logic is exercised through lib calls.

let counter = 0
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${crypto.randomBytes(2).toString('hex')}`

export async function createStaff(opts: { role?: Role; disabled?: boolean; name?: string } = {}): Promise<Viewer> {
  const id = unique()
  const row = await db.staffUser.create({
    data: {
      email: `staff-${id}@example.test`,
      name: opts.name ?? `Agent ${id}`,
      role: opts.role ?? 'AGENT',
      // Not a valid hash on purpose: tests that sign in create accounts through lib/auth.
      passwordHash: 'unusable',
      disabledAt: opts.disabled ? new Date() : null,
    },
  })
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role }
}

type TicketData = Parameters<typeof db.ticket.create>[0]['data']

function ticketData(overrides: Partial<TicketData> = {}): TicketData {
  const id = unique().toUpperCase()
  return {
    reference: `RL-${id.slice(0, 4)}-${id.slice(4, 8).padEnd(4, 'X')}${id.slice(8)}`,
    trackingTokenHash: crypto.createHash('sha256').update(id).digest('hex'),
    message: 'Votre identifiant ou votre mot de passe est incorrect',
    fullName: `Camille Test ${id}`,
    profile: 'PARENT',
    occurredAt: new Date(),
    category: 'BAD_CREDENTIALS',
    autoCategory: 'BAD_CREDENTIALS',
    confidence: 0.9,
    evidence: '[]',
    ...overrides,
  }
}

export async function createTicketRow(overrides: Partial<TicketData> = {}) {
  return db.ticket.create({ data: ticketData(overrides) })
}

/** `count` tickets in one statement, in id order; `overrides(i)` for the i-th. Returns their references. */
export async function createTicketRows(count: number, overrides: (i: number) => Partial<TicketData> = () => ({})): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ticketData(overrides(i)))
  await db.ticket.createMany({ data: rows as NonNullable<Parameters<typeof db.ticket.createMany>[0]>['data'] })
  return rows.map((r) => r.reference)
}
