import { describe, expect, it } from 'vitest'
import { GET } from '@/app/api/health/route'

// RELAIS_TEST_DATABASE=postgresql runs the suite on PostgreSQL (npm run test:postgres).
const provider = process.env.RELAIS_TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite'

describe('GET /api/health', () => {
  it('answers ok when the database is reachable, and names the provider', async () => {
    const res = await GET()
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', provider })
  })
})
