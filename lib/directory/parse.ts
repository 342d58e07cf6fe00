// Reads a CSV export of PRONOTE users: encoding and separator detection, French headers, per-line
// errors. Pure (no database): the import previews and applies what this returns.
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import type { ProfileCode } from '@/lib/catalogue/types'
import { normalizeName } from '@/lib/ent-failures/normalize'
import { profileFromLabel } from './profiles'

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

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: ParsedDirectory['encoding'] } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = hasBom ? bytes.subarray(3) : bytes
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' }
  } catch {
    // Not valid UTF-8: PRONOTE and Excel on Windows write Windows-1252.
    return { text: iconv.decode(Buffer.from(body), 'win1252'), encoding: 'windows-1252' }
  }
}

export function detectSeparator(text: string): ParsedDirectory['separator'] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
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

const MAX_LINES_PER_RECORD = 4

/**
 * Parses physical line by physical line so one broken line (an unclosed quote) costs that line
 * only; a quoted value may still span a few lines.
 */
function splitRecords(text: string, separator: string): { records: { record: string[]; line: number }[]; errors: LineError[] } {
  const lines = text.split(/\r\n|\n|\r/)
  const records: { record: string[]; line: number }[] = []
  const errors: LineError[] = []
  const options = { delimiter: separator, relax_column_count: true, relax_quotes: true, trim: true }
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim()) continue
    let parsed: string[] | undefined
    let used = 1
    for (let span = 1; span <= MAX_LINES_PER_RECORD && i + span <= lines.length; span++) {
      try {
        const rows = parse(lines.slice(i, i + span).join('\n'), options) as string[][]
        if (rows.length === 1) {
          parsed = rows[0]
          used = span
        }
        break
      } catch {
        // Unclosed quote: maybe a value spanning lines; try with the next line.
      }
    }
    if (!parsed) {
      errors.push({ line: i + 1, message: 'Ligne illisible : un guillemet (") n’est pas refermé.' })
      continue
    }
    records.push({ record: parsed, line: i + 1 })
    i += used - 1
  }
  return { records, errors }
}

export function parseDirectoryCsv(bytes: Uint8Array): ParsedDirectory {
  const { text, encoding } = decodeCsv(bytes)
  const separator = detectSeparator(text)
  const base = { encoding, separator, rows: [] as DirectoryRow[], errors: [] as LineError[] }
  if (!text.trim()) return { ...base, fileError: 'Le fichier est vide.' }

  const { records, errors } = splitRecords(text, separator)
  const [header, ...body] = records
  if (!header) return { ...base, errors, fileError: 'Le fichier ne contient aucune ligne lisible.' }
  const { columns, missing } = mapHeader(header.record)
  if (missing.length > 0) {
    return {
      ...base,
      fileError: `Colonnes manquantes : ${missing.map((c) => columnLabels[c]).join(', ')}. La première ligne doit contenir les en-têtes de l’export PRONOTE (Nom, Prénom, Identifiant, Profil, Classe, Né(e) le).`,
    }
  }

  const rows: DirectoryRow[] = []
  const seen = new Map<string, number>()
  for (const { record, line } of body) {
    const cell = (c: Column) => (columns[c] === undefined ? '' : (record[columns[c]!] ?? '').trim())
    const problems: string[] = []
    if (record.slice(header.record.length).some((v) => v !== '')) {
      problems.push(`${record.length} colonnes au lieu de ${header.record.length} (séparateur dans une valeur ?)`)
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
      errors.push({ line, message: text.charAt(0).toUpperCase() + text.slice(1) + '.' })
      continue
    }
    seen.set(key, line)
    rows.push({
      line,
      login,
      lastName: cell('lastName'),
      firstName: cell('firstName'),
      profile: profile!,
      group: cell('group') || null,
      birthDate: birthDate ?? null,
    })
  }
  errors.sort((a, b) => a.line - b.line)
  return { ...base, rows, errors }
}
