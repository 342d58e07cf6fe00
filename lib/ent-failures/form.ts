// State returned by the ENT failures and directory server actions. Pure (types and constants).
import type { DirectoryImportOutcome } from '@/lib/directory/import'

export type DecisionFormState =
  | { status: 'idle' }
  | { status: 'done'; message: string }
  | { status: 'error'; message: string; fieldErrors: Record<string, string[]> }

export const idleDecision: DecisionFormState = { status: 'idle' }

export type DirectoryFormState =
  | { status: 'idle' }
  | { status: 'error'; message: string }
  | { status: 'done'; outcome: DirectoryImportOutcome }

export const idleDirectory: DirectoryFormState = { status: 'idle' }
