// Dates typed in the report form. A datetime-local value carries no time zone: Relais serves French
// schools, so it is read as Paris time (the server may run in UTC). Pure: used on both sides.

import { fromParisWallClock, parisWallClock } from '@/lib/time/paris'

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/
const isoWithZonePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** Parses an ISO date with zone, or a datetime-local value read as Paris time; null when invalid. */
export function parseOccurredAt(value: string): Date | null {
  const local = localPattern.exec(value)
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number]
    const naive = Date.UTC(y, mo - 1, d, h, mi, s)
    const check = new Date(naive)
    // Rejects 2026-02-31 and the like, which Date.UTC would silently roll over.
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null
    return fromParisWallClock(y, mo, d, h, mi, s)
  }
  if (!isoWithZonePattern.test(value)) return null
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : new Date(t)
}

/** A Date as a datetime-local value in Paris time (minute precision), e.g. "2026-11-27T14:05". */
export function toDateTimeLocal(date: Date): string {
  const p = parisWallClock(date)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}
