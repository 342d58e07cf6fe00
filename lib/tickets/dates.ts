// Date-range filters are calendar days in the school's time zone (France), not UTC days.

import { PARIS_TIME_ZONE, fromParisWallClock } from '@/lib/time/paris'

/** The instant a Paris calendar day ("YYYY-MM-DD") starts. */
export function startOfParisDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return fromParisWallClock(y, m, d)
}

/** The instant the following Paris day starts (exclusive upper bound). */
export function endOfParisDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return startOfParisDay(next)
}

const displayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' })

export function formatParisDateTime(at: Date | string): string {
  return displayFormat.format(typeof at === 'string' ? new Date(at) : at)
}
