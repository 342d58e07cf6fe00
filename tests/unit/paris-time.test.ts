import { describe, expect, it } from 'vitest'
import { fromParisWallClock, parisWallClock, PARIS_TIME_ZONE } from '@/lib/time/paris'

// parisWallClock reads Paris's offset once per UTC hour (lib/time/paris.ts): it must read what the
// time-zone database says, at any instant, daylight-saving changes included.
const reference = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
})

function expected(t: number) {
  const parts = reference.formatToParts(new Date(t))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

describe('parisWallClock', () => {
  it('agrees with the time-zone database around daylight-saving changes, second by second', () => {
    // 2026-03-29 01:00 UTC (02:00 → 03:00 in Paris) and 2026-10-25 01:00 UTC (03:00 → 02:00).
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let t = change - 7_200_000; t <= change + 7_200_000; t += 997) expect(parisWallClock(new Date(t))).toEqual(expected(t))
    }
  })

  it('agrees with it at random instants from 1850 to 2150, and twice for the same hour', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    const from = Date.UTC(1850, 0, 1)
    const to = Date.UTC(2150, 0, 1)
    for (let i = 0; i < 5_000; i++) {
      const t = Math.floor(from + random() * (to - from))
      expect(parisWallClock(new Date(t))).toEqual(expected(t))
      expect(parisWallClock(new Date(t + 1_000))).toEqual(expected(t + 1_000))
    }
  })

  it('reads years before 1900 too, and turns a wall-clock time back into its instant', () => {
    const t = Date.UTC(99, 5, 1, 12) - 1900 * 365.2425 * 86_400_000 // some instant in the year 99 or so
    expect(parisWallClock(new Date(t))).toEqual(expected(t))
    expect(fromParisWallClock(2026, 9, 1, 8, 30).toISOString()).toBe('2026-09-01T06:30:00.000Z')
    expect(fromParisWallClock(2026, 12, 1, 8, 30).toISOString()).toBe('2026-12-01T07:30:00.000Z')
  })

  it('refuses an invalid date as the formatter does', () => {
    expect(() => parisWallClock(new Date(NaN))).toThrow(RangeError)
  })
})
