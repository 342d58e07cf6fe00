import 'server-only'
import { hashPassword } from '@/lib/auth/password'
import { canManageAccounts } from '@/lib/auth/policy'
import { endingAllSessions } from '@/lib/auth/staff-sessions'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { prismaSql } from '@/lib/db-write'
import { Prisma } from '@/lib/generated/prisma/client'
import { fail, invalidInput, ok, type Result } from '@/lib/result'
import { sqlDialect } from '@/lib/sql-dialect'
import { accountColumns, toAccountSummary, type AccountSummary } from './dto'
import {
  changeRoleSchema,
  createAccountSchema,
  EMAIL_TAKEN_MESSAGE,
  LAST_ADMIN_MESSAGE,
  resetPasswordSchema,
  setDisabledSchema,
  type CreateAccountInput,
} from './schemas'

// Every change to staff accounts. Viewer first; input is unknown and parsed here, so the accounts
// page, the admin:create command and tests are validated the same way.

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}

async function insertAccount(input: CreateAccountInput): Promise<Result<AccountSummary>> {
  const passwordHash = await hashPassword(input.password)
  try {
    const row = await db.staffUser.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: accountColumns,
    })
    return ok(toAccountSummary(row))
  } catch (error) {
    if (isUniqueViolation(error)) return fail('CONFLICT', { message: EMAIL_TAKEN_MESSAGE, fieldErrors: { email: [EMAIL_TAKEN_MESSAGE] } })
    throw error
  }
}

/** ADMIN creates an account. */
export async function createAccount(viewer: Viewer, input: unknown): Promise<Result<AccountSummary>> {
  if (!canManageAccounts(viewer)) return fail('FORBIDDEN')
  const parsed = createAccountSchema.safeParse(input)
  return parsed.success ? insertAccount(parsed.data) : invalidInput(parsed.error)
}

/**
 * The operator on the server's shell (npm run admin:create) creates an account without a session:
 * same schema, same insert. Not reachable from the web.
 */
export async function createAccountFromCommandLine(input: unknown): Promise<Result<AccountSummary>> {
  const parsed = createAccountSchema.safeParse(input)
  return parsed.success ? insertAccount(parsed.data) : invalidInput(parsed.error)
}

class LastAdminError extends Error {}

/**
 * Applies `data` to one account, refusing (and rolling back) when no active ADMIN would remain.
 * The check runs after the write inside the transaction: SQLite holds the write lock from the
 * update, and on PostgreSQL the active admins' rows are locked first (FOR UPDATE), so two admins
 * demoting each other at once cannot both succeed.
 */
async function updateKeepingAnAdmin(
  accountId: string,
  data: Prisma.StaffUserUpdateInput,
): Promise<Result<AccountSummary>> {
  try {
    const row = await db.$transaction(async (tx) => {
      await prismaSql(tx).rows(Prisma.sql`SELECT "id" FROM "StaffUser" WHERE "role" = 'ADMIN' AND "disabledAt" IS NULL ${sqlDialect().forUpdate}`)
      const updated = await tx.staffUser.update({ where: { id: accountId }, data, select: accountColumns })
      const admins = await tx.staffUser.count({ where: { role: 'ADMIN', disabledAt: null } })
      if (admins === 0) throw new LastAdminError()
      return updated
    })
    return ok(toAccountSummary(row))
  } catch (error) {
    if (error instanceof LastAdminError) return fail('CONFLICT', { message: LAST_ADMIN_MESSAGE })
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return fail('NOT_FOUND')
    throw error
  }
}

export async function changeAccountRole(viewer: Viewer, input: unknown): Promise<Result<AccountSummary>> {
  if (!canManageAccounts(viewer)) return fail('FORBIDDEN')
  const parsed = changeRoleSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  // The account's sessions end: it signs in again under its new role (lib/auth/staff-sessions.ts).
  return updateKeepingAnAdmin(parsed.data.accountId, { role: parsed.data.role, ...endingAllSessions })
}

export async function setAccountDisabled(viewer: Viewer, input: unknown): Promise<Result<AccountSummary>> {
  if (!canManageAccounts(viewer)) return fail('FORBIDDEN')
  const parsed = setDisabledSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  // Disabling ends every session for good: re-enabling later does not bring them back.
  const data = parsed.data.disabled ? { disabledAt: new Date(), ...endingAllSessions } : { disabledAt: null }
  return updateKeepingAnAdmin(parsed.data.accountId, data)
}

export async function resetAccountPassword(viewer: Viewer, input: unknown): Promise<Result<AccountSummary>> {
  if (!canManageAccounts(viewer)) return fail('FORBIDDEN')
  const parsed = resetPasswordSchema.safeParse(input)
  if (!parsed.success) return invalidInput(parsed.error)
  const passwordHash = await hashPassword(parsed.data.password)
  try {
    // Every session signed in with the old password ends now (lib/auth/staff-sessions.ts).
    const row = await db.staffUser.update({
      where: { id: parsed.data.accountId },
      data: { passwordHash, ...endingAllSessions },
      select: accountColumns,
    })
    return ok(toAccountSummary(row))
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return fail('NOT_FOUND')
    throw error
  }
}
