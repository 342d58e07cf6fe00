import { describe, expect, it } from 'vitest'
import { parisDateTime } from '@/lib/csv'
import { storedDate } from '@/lib/time/stored-date'

// The export's dates in Paris time (issue 16). parisDateTime is on the export's hot path (five dates
// a row), so it formats the Paris hour once and adds UTC's minutes and seconds; this checks it
// against Intl, minute by minute, across both daylight-saving changes and midnights.

const intl = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
})

describe('parisDateTime', () => {
  it('equals Intl in Europe/Paris at every step across the spring and autumn changes of 2026', () => {
    const mismatches: string[] = []
    for (const [from, to] of [['2026-03-28T20:00:00Z', '2026-03-29T05:00:00Z'], ['2026-10-24T20:00:00Z', '2026-10-25T05:00:00Z']] as const) {
      // 61 s 7 ms steps: every minute and second value comes up, milliseconds are dropped.
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += 61_007) {
        const at = new Date(ms)
        const expected = intl.format(at)
        for (const got of [parisDateTime(at), parisDateTime(storedDate(at)), parisDateTime(at.toISOString())]) {
          if (got !== expected) mismatches.push(`${at.toISOString()}: ${got} ≠ ${expected}`)
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })

  it('reads the hours either side of a change and of midnight', () => {
    expect(parisDateTime('2026-03-29T00:59:59.999+00:00')).toBe('2026-03-29 01:59:59')
    expect(parisDateTime('2026-03-29T01:00:00.000+00:00')).toBe('2026-03-29 03:00:00')
    expect(parisDateTime('2026-10-25T00:30:00.000+00:00')).toBe('2026-10-25 02:30:00')
    expect(parisDateTime('2026-10-25T01:30:00.000+00:00')).toBe('2026-10-25 02:30:00')
    expect(parisDateTime(new Date('2026-08-31T22:00:00Z'))).toBe('2026-09-01 00:00:00')
    expect(parisDateTime(new Date('1969-12-31T23:59:59Z'))).toBe('1970-01-01 00:59:59')
    expect(parisDateTime(null)).toBe('')
    expect(parisDateTime(undefined)).toBe('')
  })
})
