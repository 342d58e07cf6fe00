import { describe, expect, it } from 'vitest'
import { formatSince } from '@/lib/incidents/notice'

describe('formatSince', () => {
  it('says the Paris time today and the day otherwise', () => {
    const since = new Date('2026-09-01T05:42:00Z') // 7 h 42 in Paris (summer time)
    expect(formatSince(since, new Date('2026-09-01T09:00:00Z'))).toBe('7 h 42')
    expect(formatSince(since, new Date('2026-09-02T09:00:00Z'))).toBe('le 1 septembre à 7 h 42')
  })
})
