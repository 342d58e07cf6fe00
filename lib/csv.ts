import { stringify, type Options } from 'csv-stringify/sync'
import { parisWallClock } from './time/paris'

// CSV for French spreadsheets (issue 16), written by csv-stringify: `;` separator (French Excel
// reads `,` as the decimal mark), CRLF lines, UTF-8 with a BOM on the first chunk only (so Excel
// does not read it as Latin-1), and formula injection neutralised: a cell that a spreadsheet would
// evaluate (= + - @, or a tab / carriage return before one) is prefixed with an apostrophe, the
// OWASP advice, so it shows as text. Pure.

export type CsvValue = string | number | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

/** The text of a cell as a spreadsheet will show it, never as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

const options: Options = {
  delimiter: ';',
  record_delimiter: '\r\n',
  cast: { string: neutraliseFormula, number: (n) => String(n).replace('.', ',') },
}

/** Lines of a CSV file; `first` adds the BOM and the header line. */
export function csvChunk(rows: CsvValue[][], header?: string[]): string {
  const body = stringify(rows, options)
  return header ? `\uFEFF${stringify([header], options)}${body}` : body
}

// Intl costs ~2 µs a date and an exported row has five: a fifth of a large export's CPU (measured at
// 100,000 rows). Paris is a whole number of hours from UTC (+1 or +2), so the Paris date and hour
// depend on the UTC hour alone: the Paris wall clock (lib/time/paris.ts) is read once per hour, the
// minutes and seconds are UTC's. The cache is cleared when full (50,000 hours: more than five
// years), so a long-running server stays bounded.
const HOUR_MS = 3_600_000
const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n))
const MAX_CACHED_HOURS = 50_000
const parisHours = new Map<number, string>()

/** "2026-09-01 08" for the UTC hour `hour` (hours since 1970). */
function parisHour(hour: number): string {
  let text = parisHours.get(hour)
  if (text === undefined) {
    if (parisHours.size >= MAX_CACHED_HOURS) parisHours.clear()
    const p = parisWallClock(new Date(hour * HOUR_MS))
    text = `${p.year}-${twoDigits(p.month)}-${twoDigits(p.day)} ${twoDigits(p.hour)}`
    parisHours.set(hour, text)
  }
  return text
}

/** "2026-09-01 08:05:00", Paris time: sorts as text and spreadsheets read it as a date. */
export function parisDateTime(at: Date | string | null | undefined): string {
  if (at === null || at === undefined) return ''
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value') // as Intl does
  const hour = Math.floor(ms / HOUR_MS)
  const inHour = ms - hour * HOUR_MS
  return `${parisHour(hour)}:${twoDigits(Math.floor(inHour / 60_000))}:${twoDigits(Math.floor((inHour % 60_000) / 1000))}`
}
