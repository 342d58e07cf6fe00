// Relais serves French schools: calendar days and typed dates are Paris wall-clock time, whatever
// the server's zone. Pure: used on both sides.

export const PARIS_TIME_ZONE = 'Europe/Paris'

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function formattedWallClock(date: Date): WallClock {
  const parts = partsFormatter.formatToParts(date)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

/** Paris's offset from UTC at instant t, given Paris's reading `p` of it (t taken to the second). */
function offsetOfReading(p: WallClock, t: number): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000
}

// Paris's offset from UTC, by UTC hour: `formatToParts` costs ~15 µs and every report reads the
// clock (its dashboard hour, its incident window). Paris changes offset on a UTC hour (the EU rule:
// 01:00 UTC); an hour whose offset differs between its first and last second is never cached, so a
// change at any other moment is still read from the time-zone database.
const HOUR_MS = 3_600_000
const hourOffsets = new Map<number, number>()

function offsetOfUtcHour(hour: number): number | null {
  const cached = hourOffsets.get(hour)
  if (cached !== undefined) return cached
  const offset = (t: number) => {
    const p = formattedWallClock(new Date(t))
    // Date.UTC reads years 0–99 as 1900–1999: such hours are never cached (NaN never equals itself).
    return p.year < 1900 ? NaN : offsetOfReading(p, t)
  }
  const start = hour * HOUR_MS
  const found = offset(start)
  if (offset(start + HOUR_MS - 1000) !== found) return null
  if (hourOffsets.size >= 4096) hourOffsets.clear()
  hourOffsets.set(hour, found)
  return found
}

/** The Paris wall-clock reading of an instant. */
export function parisWallClock(date: Date): WallClock {
  const t = date.getTime()
  const offset = Number.isFinite(t) ? offsetOfUtcHour(Math.floor(t / HOUR_MS)) : null
  if (offset === null) return formattedWallClock(date)
  const local = new Date(t + offset)
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  }
}

/** Offset of Paris from UTC at instant t (ms since epoch), in milliseconds. */
function offsetAt(t: number): number {
  return offsetOfReading(parisWallClock(new Date(t)), t)
}

/** The instant at which Paris clocks show this wall-clock time (month 1-12). */
export function fromParisWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second)
  let t = naive - offsetAt(naive)
  // A second pass settles times near a daylight-saving change, where the first guess's offset differs.
  const corrected = offsetAt(t)
  if (corrected !== naive - t) t = naive - corrected
  return new Date(t)
}
