import { describe, expect, it } from 'vitest'
import { FIRST_ACCOUNT_HINT, logFirstAccountHint } from '@/lib/accounts/startup'
import { createStaff } from '@/tests/support/factories'

describe('first-account hint at startup', () => {
  it('logs exactly one line when there is no account, nothing once one exists', async () => {
    const lines: string[] = []
    expect(await logFirstAccountHint((l) => lines.push(l))).toBe(true)
    expect(lines).toEqual([FIRST_ACCOUNT_HINT])
    expect(FIRST_ACCOUNT_HINT).toContain('npm run admin:create')
    await createStaff({ role: 'ADMIN' })
    expect(await logFirstAccountHint((l) => lines.push(l))).toBe(false)
    expect(lines).toHaveLength(1)
  })
})
