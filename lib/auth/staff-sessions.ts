import 'server-only'
import { randomBytes } from 'node:crypto'
import { db, readRows } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { roles, type Viewer } from './viewer'

// Server-side staff sessions (issue 11, finding 1; README "Security"). A session JWT names one
// StaffSession row (`sid`); it is honoured only while that row exists and its absolute end has not
// passed. Why a row rather than a per-account version number: signing out must end the session it
// is called from, and only that one (a version would sign the person out everywhere), and the
// absolute end has to live on the server because next-auth re-mints the cookie with a new `iat` and
// `exp` whenever /api/auth/session is called. Ending sessions is deleting rows: nothing can revive
// them, re-enabling an account included.

/** A staff workday; after that, sign in again. Counted from sign-in, never extended. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60

export interface StaffSessionRef {
  id: string
  /** Absolute end, seconds since the epoch (JWT `exp` style). */
  expiresAt: number
}

/** Opens a session for an account that has just signed in; expired rows of anyone are swept. */
export async function startStaffSession(staffId: string, now = new Date()): Promise<StaffSessionRef> {
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000)
  const id = randomBytes(24).toString('base64url')
  await db.staffSession.deleteMany({ where: { expiresAt: { lte: now } } })
  await db.staffSession.create({ data: { id, staffId, createdAt: now, expiresAt } })
  return { id, expiresAt: Math.floor(expiresAt.getTime() / 1000) }
}

/** Signing out: this session ends, the account's other sessions (other devices) stay. */
export async function endStaffSession(sessionId: string): Promise<void> {
  await db.staffSession.deleteMany({ where: { id: sessionId } })
}

/**
 * Nested write for a StaffUser update that must end every session of the account (password reset,
 * disabling, role change): `data: { …, ...endingAllSessions }`. Part of the same statement batch,
 * so the change and the end of the sessions commit together.
 */
export const endingAllSessions = { sessions: { deleteMany: {} } } satisfies Prisma.StaffUserUpdateInput

type SessionRow = { id: string; email: string; name: string; role: string; disabledAt: unknown; expiresAt: Date | string | number }

/**
 * The active account signed in by session `sessionId`, or null when the session ended (signed out,
 * ended by an admin change, or past its absolute end) or the account is disabled.
 */
export async function loadSessionViewer(sessionId: string, staffId: string, now = Date.now()): Promise<Viewer | null> {
  // On every signed-in request: one primary-key lookup through a prepared statement.
  const [row] = await readRows<SessionRow>(
    Prisma.sql`SELECT u."id", u."email", u."name", u."role", u."disabledAt", s."expiresAt"
      FROM "StaffSession" s JOIN "StaffUser" u ON u."id" = s."staffId"
      WHERE s."id" = ${sessionId} AND s."staffId" = ${staffId}`,
  )
  const role = roles.find((r) => r === row?.role)
  if (!row || row.disabledAt || !role) return null
  if (new Date(row.expiresAt).getTime() <= now) return null
  return { id: row.id, email: row.email, name: row.name, role }
}
