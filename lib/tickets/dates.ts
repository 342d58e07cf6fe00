// Date-range filters are calendar days in the school's time zone (France), not UTC days.

const ZONE = 'Europe/Paris'

/** Offset of Paris from UTC (minutes) at the given instant. */
function parisOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/** The instant a Paris calendar day ("YYYY-MM-DD") starts. */
export function startOfParisDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const guess = new Date(Date.UTC(y, m - 1, d))
  return new Date(guess.getTime() - parisOffsetMinutes(guess) * 60_000)
}

/** The instant the following Paris day starts (exclusive upper bound). */
export function endOfParisDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return startOfParisDay(next)
}

const displayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' })

export function formatParisDateTime(at: Date | string): string {
  return displayFormat.format(typeof at === 'string' ? new Date(at) : at)
}
