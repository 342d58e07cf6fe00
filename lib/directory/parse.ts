// Reads a CSV export of PRONOTE users: encoding and separator detection, French headers, per-line
// errors. No database: the import previews and applies what this returns. Asynchronous only to
// hand the event loop back while a large file is read (csv-records.ts, time-budget.ts).
import iconv from 'iconv-lite'
import type { ProfileCode } from '@/lib/catalogue/types'
import { normalizeName } from '@/lib/directory/normalize'
import { csvRecordBatches, type CsvRecord } from './csv-records'
import { profileFromLabel } from './profiles'
import { TimeLimitExceeded, timeBudget, type TimeBudget } from './time-budget'

export interface DirectoryRow {
  line: number
  login: string
  lastName: string
  firstName: string
  profile: ProfileCode
  group: string | null
  birthDate: string | null
}

export interface LineError {
  line: number
  message: string
}

export interface ParsedDirectory {
  rows: DirectoryRow[]
  errors: LineError[]
  /** Set when the file as a whole cannot be read (no header, missing columns…). */
  fileError?: string
  encoding: 'utf-8' | 'windows-1252'
  separator: ';' | ',' | '\t'
}

type Column = 'login' | 'lastName' | 'firstName' | 'profile' | 'group' | 'birthDate'

const headerNames: Record<Column, string[]> = {
  login: ['identifiant', 'login', 'identifiant pronote', 'identifiant de connexion', 'id'],
  lastName: ['nom', 'nom de famille', 'nom d usage'],
  firstName: ['prenom', 'prenoms', 'premier prenom'],
  profile: ['profil', 'type', 'categorie', 'type d utilisateur'],
  group: ['classe', 'groupe', 'classe ou groupe', 'classes', 'groupes'],
  birthDate: ['ne e le', 'ne le', 'nee le', 'date de naissance', 'naissance'],
}
const columnLabels: Record<Column, string> = {
  login: 'Identifiant',
  lastName: 'Nom',
  firstName: 'Prénom',
  profile: 'Profil',
  group: 'Classe',
  birthDate: 'Né(e) le',
}
const required: Column[] = ['login', 'lastName', 'firstName', 'profile']

const DECODE_CHUNK_BYTES = 256 * 1024

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), else Windows-1252; decoded a slice at a time. */
export async function decodeCsv(bytes: Uint8Array, budget: TimeBudget = timeBudget(PARSE_TIME_LIMIT_MS)): Promise<{ text: string; encoding: ParsedDirectory['encoding'] }> {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = hasBom ? bytes.subarray(3) : bytes
  try {
    const utf8 = new TextDecoder('utf-8', { fatal: true })
    return { text: await decodeInSlices(body, budget, (chunk, last) => utf8.decode(chunk, { stream: !last })), encoding: 'utf-8' }
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    // Not valid UTF-8: PRONOTE and Excel on Windows write Windows-1252.
    const cp1252 = iconv.getDecoder('win1252')
    const text = await decodeInSlices(body, budget, (chunk, last) => cp1252.write(Buffer.from(chunk)) + (last ? (cp1252.end() ?? '') : ''))
    return { text, encoding: 'windows-1252' }
  }
}

async function decodeInSlices(body: Uint8Array, budget: TimeBudget, decode: (chunk: Uint8Array, last: boolean) => string): Promise<string> {
  const parts: string[] = []
  for (let offset = 0; offset < body.length || parts.length === 0; offset += DECODE_CHUNK_BYTES) {
    await budget.tick()
    parts.push(decode(body.subarray(offset, offset + DECODE_CHUNK_BYTES), offset + DECODE_CHUNK_BYTES >= body.length))
  }
  return parts.join('')
}

export function detectSeparator(text: string): ParsedDirectory['separator'] {
  const firstLine = /^[^\r\n]*/.exec(text.slice(0, 64 * 1024))![0]
  const counts = ([';', ',', '\t'] as const).map((sep) => ({ sep, n: firstLine.split(sep).length - 1 }))
  counts.sort((a, b) => b.n - a.n)
  const best = counts[0]!
  return best.n > 0 ? best.sep : ';'
}

function parseBirthDate(value: string): string | null | undefined {
  if (!value) return null
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value)
  const iso = fr ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!fr && !iso) return undefined
  const [y, mo, d] = fr ? [fr[3]!, fr[2]!, fr[1]!] : [iso![1]!, iso![2]!, iso![3]!]
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)))
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(y) < 1900) return undefined
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`
}

function mapHeader(header: string[]): { columns: Partial<Record<Column, number>>; missing: Column[] } {
  const columns: Partial<Record<Column, number>> = {}
  header.forEach((name, position) => {
    const key = normalizeName(name)
    for (const column of Object.keys(headerNames) as Column[]) {
      if (columns[column] === undefined && headerNames[column].includes(key)) columns[column] = position
    }
  })
  return { columns, missing: required.filter((c) => columns[c] === undefined) }
}

/** Reading a file longer than this is abandoned with a file error (largest accepted file: ~1 s). */
export const PARSE_TIME_LIMIT_MS = 20_000

export const PARSE_TIME_LIMIT_MESSAGE = `La lecture du fichier a été interrompue : elle prenait plus de ${PARSE_TIME_LIMIT_MS / 1000} secondes. Vérifiez qu’il s’agit bien de l’export CSV des utilisateurs de PRONOTE.`

/** Reads the export within PARSE_TIME_LIMIT_MS (`budget` lets a caller share one limit with more work). */
export async function parseDirectoryCsv(bytes: Uint8Array, budget: TimeBudget = timeBudget(PARSE_TIME_LIMIT_MS)): Promise<ParsedDirectory> {
  let base: Omit<ParsedDirectory, 'fileError'> = { encoding: 'utf-8', separator: ';', rows: [], errors: [] }
  try {
    const { text, encoding } = await decodeCsv(bytes, budget)
    base = { ...base, encoding, separator: detectSeparator(text) }
    if (!/\S/.test(text)) return { ...base, fileError: 'Le fichier est vide.' }
    return await readDirectory(text, base, budget)
  } catch (error) {
    if (error instanceof TimeLimitExceeded) return { ...base, fileError: PARSE_TIME_LIMIT_MESSAGE }
    throw error
  }
}

async function readDirectory(text: string, base: Omit<ParsedDirectory, 'fileError'>, budget: TimeBudget): Promise<ParsedDirectory> {
  const errors: LineError[] = []
  const rows: DirectoryRow[] = []
  let table: Table | undefined
  for await (const batch of csvRecordBatches(text, base.separator, budget, errors)) {
    for (const record of batch) {
      if (!table) {
        const { columns, missing } = mapHeader(record.record)
        if (missing.length > 0) {
          return {
            ...base,
            fileError: `Colonnes manquantes : ${missing.map((c) => columnLabels[c]).join(', ')}. La première ligne doit contenir les en-têtes de l’export PRONOTE (Nom, Prénom, Identifiant, Profil, Classe, Né(e) le).`,
          }
        }
        table = { width: record.record.length, columns, seen: new Map() }
        continue
      }
      const checked = checkRow(record, table)
      if ('message' in checked) errors.push(checked)
      else rows.push(checked)
    }
  }
  if (!table) return { ...base, errors, fileError: 'Le fichier ne contient aucune ligne lisible.' }
  errors.sort((a, b) => a.line - b.line)
  return { ...base, rows, errors }
}

interface Table {
  width: number
  columns: Partial<Record<Column, number>>
  /** Logins already read (lower case) → their line. */
  seen: Map<string, number>
}

/** One body record → a directory row, or the line's error listing every problem. */
function checkRow({ record, line }: CsvRecord, table: Table): DirectoryRow | LineError {
  const { columns, seen } = table
  const cell = (c: Column) => (columns[c] === undefined ? '' : (record[columns[c]!] ?? '').trim())
  const problems: string[] = []
  if (record.slice(table.width).some((v) => v !== '')) {
    problems.push(`${record.length} colonnes au lieu de ${table.width} (séparateur dans une valeur ?)`)
  }
  const login = cell('login')
  if (!login) problems.push('identifiant manquant')
  if (!cell('lastName')) problems.push('nom manquant')
  if (!cell('firstName')) problems.push('prénom manquant')
  const profile = profileFromLabel(cell('profile'))
  if (!profile) problems.push(cell('profile') ? `profil « ${cell('profile')} » inconnu` : 'profil manquant')
  const birthDate = parseBirthDate(cell('birthDate'))
  if (birthDate === undefined) problems.push(`date de naissance « ${cell('birthDate')} » invalide (attendu JJ/MM/AAAA)`)
  const key = login.toLowerCase()
  if (login && seen.has(key)) problems.push(`identifiant « ${login} » déjà présent ligne ${seen.get(key)}`)
  if (problems.length > 0) {
    const text = problems.join(', ')
    return { line, message: text.charAt(0).toUpperCase() + text.slice(1) + '.' }
  }
  seen.set(key, line)
  return {
    line,
    login,
    lastName: cell('lastName'),
    firstName: cell('firstName'),
    profile: profile!,
    group: cell('group') || null,
    birthDate: birthDate ?? null,
  }
}
