// State returned by the directory import's server action. Pure (types and constants).
import type { DirectoryImportOutcome } from './import'

export type DirectoryFormState =
  | { status: 'idle' }
  | { status: 'error'; message: string }
  | { status: 'done'; outcome: DirectoryImportOutcome }

export const idleDirectory: DirectoryFormState = { status: 'idle' }
