import { describe, expect, it } from 'vitest'
import { createAccount, resetAccountPassword } from '@/lib/accounts/mutations'
import { db } from '@/lib/db'
import { updateSchoolSettings } from '@/lib/settings/mutations'
import { createStaff } from '@/tests/support/factories'

// Every query shares one SQLite connection. A statement issued outside a transaction while another
// request's interactive transaction is open must neither join it (and be undone by its rollback
// while its caller saw success) nor read its uncommitted rows: it waits its turn (lib/db.ts gate).
// On PostgreSQL (a pool, no gate) the same promises hold through the server's isolation: the file
// runs there unchanged.

/** Opens a transaction that writes a row, then waits until `rollBack()` makes it fail. */
function openTransaction() {
  let rollBack!: () => void
  const held = new Promise<void>((resolve) => (rollBack = resolve))
  let wrote!: () => void
  const written = new Promise<void>((resolve) => (wrote = resolve))
  const done = db.$transaction(
    async (tx) => {
      await tx.staffUser.create({ data: { email: 'other-request@exemple.test', name: 'Autre requête', passwordHash: 'x' } })
      wrote()
      await held
      throw new Error('the other request fails and rolls back')
    },
    { timeout: 10_000 },
  )
  return { written, rollBack, done }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 30))

describe('writes outside a transaction while another one is open', () => {
  it('a settings save, an account creation and a password reset survive the other request’s rollback', async () => {
    const admin = await createStaff({ role: 'ADMIN' })
    const agent = await createStaff({ role: 'AGENT' })
    const before = await db.staffUser.findUniqueOrThrow({ where: { id: agent.id } })
    const other = openTransaction()
    await other.written

    const saved = updateSchoolSettings(admin, { establishmentName: 'Lycée Pendant', uai: '0951099d', espaceUrls: {}, hostingConsoleUrl: '', helpLinks: [] })
    const created = createAccount(admin, { email: 'nouvelle@exemple.test', name: 'Nouvelle Collègue', role: 'AGENT', password: 'un mot de passe assez long' })
    const reset = resetAccountPassword(admin, { accountId: agent.id, password: 'un autre mot de passe long' })
    await tick()
    other.rollBack()
    await expect(other.done).rejects.toThrow('rolls back')

    expect(await saved).toMatchObject({ ok: true })
    expect(await created).toMatchObject({ ok: true })
    expect(await reset).toMatchObject({ ok: true })
    expect(await db.schoolSettings.findUnique({ where: { id: 'school' } })).toMatchObject({ establishmentName: 'Lycée Pendant' })
    expect(await db.staffUser.count({ where: { email: 'nouvelle@exemple.test' } })).toBe(1)
    const after = await db.staffUser.findUniqueOrThrow({ where: { id: agent.id } })
    expect(after.passwordHash).not.toBe(before.passwordHash)
    expect(await db.staffUser.count({ where: { email: 'other-request@exemple.test' } })).toBe(0)
  })

  it('a Prisma read outside the transaction does not see its uncommitted rows', async () => {
    const other = openTransaction()
    await other.written
    const count = db.staffUser.findMany({ where: { email: 'other-request@exemple.test' }, select: { email: true } })
    // Today's answer, if the read answers while the transaction is still open, must not show its row.
    const early = await Promise.race([count, tick().then(() => 'still waiting' as const)])
    expect(early).not.toEqual([{ email: 'other-request@exemple.test' }])
    other.rollBack()
    await expect(other.done).rejects.toThrow('rolls back')
    expect(await count).toEqual([])
  })
})
