import { stringify, type Options } from 'csv-stringify/sync'
import { PARIS_TIME_ZONE } from './time/paris'

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

const parisFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** "2026-09-01 08:05:00", Paris time: sorts as text and spreadsheets read it as a date. */
export function parisDateTime(at: Date | string | null | undefined): string {
  if (at === null || at === undefined) return ''
  return parisFormat.format(typeof at === 'string' ? new Date(at) : at)
}
