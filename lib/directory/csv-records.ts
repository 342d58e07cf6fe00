// Splits a CSV text into records in one pass, then parses them with csv-parse in large batches
// (issue 11, finding 3: the former reader ran csv-parse on each line up to four times, synchronously,
// and a file of quoted lines froze the server for minutes).
//
// The scan follows csv-parse's own quoting rules (options below): a field whose first non-blank
// character is `"` is quoted until a `"` that is not doubled; after the closing quote only blanks may
// come before the separator; quotes inside an unquoted field are kept as text. A quoted value may span
// up to MAX_LINES_PER_RECORD lines. A record that breaks these rules costs its first line only (a
// line error) and reading goes on at the next line, as before. Pure apart from yielding.
import { parse } from 'csv-parse/sync'
import type { TimeBudget } from './time-budget'

export interface CsvRecord {
  record: string[]
  /** 1-based physical line where the record starts. */
  line: number
}

export const UNREADABLE_LINE_MESSAGE = 'Ligne illisible : un guillemet (") n’est pas refermé.'
const MAX_LINES_PER_RECORD = 4
const BATCH_RECORDS = 100
const LINES_PER_TICK = 50

type Scan = 'complete' | 'open' | 'broken'

/** Scans one line, continuing a quoted value when `inQuotes`; returns where the record stands. */
function scanLine(line: string, separator: string, inQuotes: boolean): Scan {
  let quoted = inQuotes
  let fieldStart = !inQuotes
  let afterClosing = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c !== '"') continue
      if (line[i + 1] === '"') i++
      else {
        quoted = false
        afterClosing = true
      }
    } else if (c === separator) {
      fieldStart = true
      afterClosing = false
    } else if (afterClosing) {
      if (c !== ' ' && c !== '\t') return 'broken'
    } else if (fieldStart) {
      if (c === '"') {
        quoted = true
        fieldStart = false
      } else if (c !== ' ' && c !== '\t') fieldStart = false
    }
  }
  return quoted ? 'open' : 'complete'
}

interface RawRecord {
  text: string
  line: number
}

/** Groups physical lines into records; lines that cannot start a readable record become errors. */
async function groupLines(lines: string[], separator: string, budget: TimeBudget, errors: CsvRecordError[]): Promise<RawRecord[]> {
  const records: RawRecord[] = []
  for (let i = 0; i < lines.length; i++) {
    if (i % LINES_PER_TICK === 0) await budget.tick()
    if (!lines[i]!.trim()) continue
    let state: Scan = 'open'
    let span = 0
    while (state === 'open' && span < MAX_LINES_PER_RECORD && i + span < lines.length) {
      state = scanLine(lines[i + span]!, separator, span > 0)
      span++
    }
    if (state !== 'complete') {
      errors.push({ line: i + 1, message: UNREADABLE_LINE_MESSAGE })
      continue
    }
    records.push({ text: lines.slice(i, i + span).join('\n'), line: i + 1 })
    i += span - 1
  }
  return records
}

export interface CsvRecordError {
  line: number
  message: string
}

const parseOptions = (separator: string) => ({ delimiter: separator, relax_column_count: true, relax_quotes: true, trim: true })

/** csv-parse on a batch; when it disagrees with the scan (it should not), each record on its own. */
function parseBatch(batch: RawRecord[], separator: string, out: CsvRecord[], errors: CsvRecordError[]): void {
  const options = parseOptions(separator)
  try {
    const rows = parse(batch.map((r) => r.text).join('\n'), options) as string[][]
    if (rows.length === batch.length) {
      rows.forEach((record, k) => out.push({ record, line: batch[k]!.line }))
      return
    }
  } catch {
    // Fall through to the record-by-record safety net.
  }
  for (const raw of batch) {
    try {
      const rows = parse(raw.text, options) as string[][]
      if (rows.length === 1) out.push({ record: rows[0]!, line: raw.line })
      else errors.push({ line: raw.line, message: UNREADABLE_LINE_MESSAGE })
    } catch {
      errors.push({ line: raw.line, message: UNREADABLE_LINE_MESSAGE })
    }
  }
}

/** The physical lines of `text` (CRLF, LF or CR), cut a slice at a time. */
async function splitLines(text: string, budget: TimeBudget): Promise<string[]> {
  const lines: string[] = []
  const lineBreak = /\r\n|\n|\r/g
  let start = 0
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    lines.push(text.slice(start, match.index))
    start = match.index + match[0].length
    if (lines.length % LINES_PER_TICK === 0) await budget.tick()
  }
  lines.push(text.slice(start))
  return lines
}

/** Every readable record with its line, and one error per unreadable line. */
export async function readCsvRecords(text: string, separator: string, budget: TimeBudget): Promise<{ records: CsvRecord[]; errors: CsvRecordError[] }> {
  const errors: CsvRecordError[] = []
  const raw = await groupLines(await splitLines(text, budget), separator, budget, errors)
  const records: CsvRecord[] = []
  for (let i = 0; i < raw.length; i += BATCH_RECORDS) {
    await budget.tick()
    parseBatch(raw.slice(i, i + BATCH_RECORDS), separator, records, errors)
  }
  return { records, errors }
}
