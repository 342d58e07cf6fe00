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

/**
 * The physical lines of `text` (CRLF, LF or CR) read on demand, with a look-ahead of a few lines:
 * no array of every line (on a 5 MB file, large live arrays made garbage collection pauses of a
 * few hundred milliseconds).
 */
class LineCursor {
  private readonly lineBreak = /\r\n|\n|\r/g
  private readonly ahead: string[] = []
  private position = 0
  private done = false
  /** 1-based number of the next line `take` returns. */
  lineNumber = 1

  constructor(private readonly text: string) {}

  /** The line `offset` lines ahead, or undefined past the end. */
  peek(offset: number): string | undefined {
    while (this.ahead.length <= offset && !this.done) this.ahead.push(this.readLine())
    return this.ahead[offset]
  }

  take(count: number): void {
    for (let i = 0; i < count; i++) if (this.peek(0) !== undefined) this.ahead.shift()
    this.lineNumber += count
  }

  private readLine(): string {
    this.lineBreak.lastIndex = this.position
    const match = this.lineBreak.exec(this.text)
    if (!match) {
      this.done = true
      return this.text.slice(this.position)
    }
    const line = this.text.slice(this.position, match.index)
    this.position = match.index + match[0].length
    return line
  }
}

/** The next record's raw text, or null when the line at the cursor is blank or unreadable. */
function nextRecord(lines: LineCursor, separator: string, errors: CsvRecordError[]): RawRecord | null {
  const line = lines.lineNumber
  if (!lines.peek(0)!.trim()) {
    lines.take(1)
    return null
  }
  let state: Scan = 'open'
  let span = 0
  while (state === 'open' && span < MAX_LINES_PER_RECORD && lines.peek(span) !== undefined) {
    state = scanLine(lines.peek(span)!, separator, span > 0)
    span++
  }
  if (state !== 'complete') {
    errors.push({ line, message: UNREADABLE_LINE_MESSAGE })
    lines.take(1)
    return null
  }
  const parts: string[] = []
  for (let k = 0; k < span; k++) parts.push(lines.peek(k)!)
  lines.take(span)
  return { text: parts.join('\n'), line }
}

export interface CsvRecordError {
  line: number
  message: string
}

const parseOptions = (separator: string) => ({ delimiter: separator, relax_column_count: true, relax_quotes: true, trim: true })

/** csv-parse on a batch; when it disagrees with the scan (it should not), each record on its own. */
function parseBatch(batch: RawRecord[], separator: string, errors: CsvRecordError[]): CsvRecord[] {
  const options = parseOptions(separator)
  try {
    const rows = parse(batch.map((r) => r.text).join('\n'), options) as string[][]
    if (rows.length === batch.length) return rows.map((record, k) => ({ record, line: batch[k]!.line }))
  } catch {
    // Fall through to the record-by-record safety net.
  }
  const out: CsvRecord[] = []
  for (const raw of batch) {
    try {
      const rows = parse(raw.text, options) as string[][]
      if (rows.length === 1) out.push({ record: rows[0]!, line: raw.line })
      else errors.push({ line: raw.line, message: UNREADABLE_LINE_MESSAGE })
    } catch {
      errors.push({ line: raw.line, message: UNREADABLE_LINE_MESSAGE })
    }
  }
  return out
}

/**
 * The readable records of `text` in order, a batch at a time, yielding to the event loop between
 * batches; one error per unreadable line is added to `errors`.
 */
export async function* csvRecordBatches(text: string, separator: string, budget: TimeBudget, errors: CsvRecordError[]): AsyncGenerator<CsvRecord[]> {
  const lines = new LineCursor(text)
  let batch: RawRecord[] = []
  let scanned = 0
  while (lines.peek(0) !== undefined) {
    if (++scanned % LINES_PER_TICK === 0) await budget.tick()
    const record = nextRecord(lines, separator, errors)
    if (record) batch.push(record)
    if (batch.length === BATCH_RECORDS) {
      await budget.tick()
      yield parseBatch(batch, separator, errors)
      batch = []
    }
  }
  if (batch.length > 0) yield parseBatch(batch, separator, errors)
}
