import 'server-only'
import { hasRole } from '@/lib/auth/policy'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db'
import { searchNameFor } from '@/lib/directory/normalize'
import { fail, ok, type Result } from '@/lib/result'
import { PARSE_TIME_LIMIT_MESSAGE, PARSE_TIME_LIMIT_MS, parseDirectoryCsv, type DirectoryRow, type LineError } from './parse'
import { TimeLimitExceeded, timeBudget, type TimeBudget } from './time-budget'

export const MAX_DIRECTORY_BYTES = 5 * 1024 * 1024
const CREATE_SLICE = 500
const PREVIEW_ROWS = 50

export interface DirectoryChange {
  line: number
  login: string
  name: string
  profile: string
  action: 'create' | 'update'
  fields: string[]
}

export interface DirectoryImportOutcome {
  dryRun: boolean
  created: number
  updated: number
  unchanged: number
  errors: LineError[]
  /** Set when the file cannot be used at all (nothing is imported). */
  fileError?: string
  encoding: string
  separator: string
  /** The first changes, for the preview. */
  changes: DirectoryChange[]
}

const fieldLabels = { lastName: 'nom', firstName: 'prénom', profile: 'profil', group: 'classe', birthDate: 'date de naissance' } as const
type Field = keyof typeof fieldLabels

function dataFor(row: DirectoryRow) {
  return {
    login: row.login,
    lastName: row.lastName,
    firstName: row.firstName,
    profile: row.profile,
    group: row.group,
    birthDate: row.birthDate,
    searchName: searchNameFor(row.firstName, row.lastName),
  }
}

/**
 * Imports (or, with dryRun, previews) a PRONOTE user export. Accounts are matched by login;
 * importing the same file twice changes nothing. Accounts missing from the file are kept.
 * ADMIN only. Invalid lines are reported and skipped; the valid ones are applied.
 */
export async function importDirectory(
  viewer: Viewer,
  file: Uint8Array,
  options: { dryRun: boolean },
): Promise<Result<DirectoryImportOutcome>> {
  if (!hasRole(viewer, 'ADMIN')) return fail('FORBIDDEN')
  if (file.byteLength === 0) return fail('VALIDATION', { fieldErrors: { file: ['Choisissez un fichier CSV (il est vide).'] } })
  if (file.byteLength > MAX_DIRECTORY_BYTES) return fail('VALIDATION', { fieldErrors: { file: ['Fichier trop volumineux (5 Mo au plus).'] } })

  // One time limit for reading and comparing, which both hand the event loop back as they go.
  const budget = timeBudget(PARSE_TIME_LIMIT_MS)
  const parsed = await parseDirectoryCsv(file, budget)
  const base = { dryRun: options.dryRun, encoding: parsed.encoding, separator: parsed.separator, errors: parsed.errors }
  const nothing = { ...base, created: 0, updated: 0, unchanged: 0, changes: [] }
  if (parsed.fileError) return ok({ ...nothing, fileError: parsed.fileError })
  let plan: ImportPlan
  try {
    plan = await planImport(parsed.rows, budget, options.dryRun)
  } catch (error) {
    if (error instanceof TimeLimitExceeded) return ok({ ...nothing, fileError: PARSE_TIME_LIMIT_MESSAGE })
    throw error
  }
  const { toCreate, toUpdate, changes, unchanged, created } = plan

  if (!options.dryRun && (created > 0 || toUpdate.length > 0)) {
    await db.$transaction(async (tx) => {
      // In slices: one createMany of a whole 5 MB export (~100,000 rows) makes Prisma build a single
      // huge query (measured: 0.8 ms and ~24 kB of memory per row, several minutes for the largest file).
      for (let i = 0; i < toCreate.length; i += CREATE_SLICE) {
        await tx.directoryAccount.createMany({ data: toCreate.slice(i, i + CREATE_SLICE) })
      }
      for (const { login, ...data } of toUpdate) await tx.directoryAccount.update({ where: { login }, data })
    })
  }
  return ok({ ...base, created, updated: toUpdate.length, unchanged, changes })
}

interface ImportPlan {
  /** Rows to create; left empty by a dry run, which only counts them. */
  toCreate: ReturnType<typeof dataFor>[]
  created: number
  toUpdate: ReturnType<typeof dataFor>[]
  changes: DirectoryChange[]
  unchanged: number
}

/**
 * Compares the file's rows with the directory: what to create, what to update, what is unchanged.
 * Keeps only the changes the preview shows, and a dry run builds no rows to create: fewer live
 * objects on a 5 MB file, shorter garbage collection pauses for everyone else.
 */
async function planImport(rows: DirectoryRow[], budget: TimeBudget, dryRun: boolean): Promise<ImportPlan> {
  const existing = new Map(
    (
      await db.directoryAccount.findMany({
        select: { login: true, lastName: true, firstName: true, profile: true, group: true, birthDate: true, searchName: true },
      })
    ).map((a) => [a.login, a]),
  )
  const toCreate: ReturnType<typeof dataFor>[] = []
  const toUpdate: ReturnType<typeof dataFor>[] = []
  const changes: DirectoryChange[] = []
  let unchanged = 0
  let created = 0
  const preview = (change: DirectoryChange) => void (changes.length < PREVIEW_ROWS && changes.push(change))
  for (const [index, row] of rows.entries()) {
    if (index % 50 === 0) await budget.tick()
    const current = existing.get(row.login)
    const name = `${row.firstName} ${row.lastName}`
    if (!current) {
      created++
      if (!dryRun) toCreate.push(dataFor(row))
      preview({ line: row.line, login: row.login, name, profile: row.profile, action: 'create', fields: [] })
      continue
    }
    const data = dataFor(row)
    const changed = (Object.keys(fieldLabels) as Field[]).filter((f) => (current[f] ?? null) !== (data[f] ?? null))
    if (changed.length === 0 && current.searchName === data.searchName) {
      unchanged++
      continue
    }
    toUpdate.push(data)
    preview({ line: row.line, login: row.login, name, profile: row.profile, action: 'update', fields: changed.map((f) => fieldLabels[f]) })
  }
  return { toCreate, created, toUpdate, changes, unchanged }
}
