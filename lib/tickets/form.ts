import type { FailureCode, FieldErrors } from '@/lib/result'

// The ticket workspace and queue forms: FormData → mutation input, and the states they show. Pure.

export const ticketFormIntents = ['status', 'assign', 'category', 'note'] as const
export type TicketFormIntent = (typeof ticketFormIntents)[number]

export type TicketFormState =
  | { status: 'idle' }
  | { status: 'saved'; message: string }
  | {
      status: 'error'
      code: FailureCode
      message: string
      fieldErrors: FieldErrors
      /** What the agent typed, shown again so a refused change (e.g. a conflict) loses no text. */
      values: Record<string, string>
    }

export type BulkFormState =
  | { status: 'idle' }
  | {
      status: 'done'
      /** What was applied, so the confirmation can name it ("passé au statut « Résolu »"). */
      action: BulkAction
      value: string
      applied: number
      conflicted: number
      failed: { reference: string; message: string }[]
    }
  | { status: 'error'; message: string; fieldErrors: FieldErrors }

const text = (form: FormData, name: string): string | undefined => {
  const v = form.get(name)
  return typeof v === 'string' ? v : undefined
}

/** The mutation input for one workspace form; each form sends only its own fields. */
export function ticketUpdateFromForm(form: FormData): { reference: string; intent: TicketFormIntent | null; input: Record<string, unknown> } {
  const reference = text(form, 'reference') ?? ''
  const intentValue = text(form, 'intent')
  const intent = ticketFormIntents.find((i) => i === intentValue) ?? null
  const input: Record<string, unknown> = { version: text(form, 'version') }
  if (intent === 'status') {
    input.status = text(form, 'status')
    input.publicMessage = text(form, 'publicMessage') ?? ''
  } else if (intent === 'assign') {
    const assigneeId = text(form, 'assigneeId') ?? ''
    input.assigneeId = assigneeId === '' ? null : assigneeId
  } else if (intent === 'category') {
    input.category = text(form, 'category')
  } else if (intent === 'note') {
    input.note = text(form, 'note')
  }
  return { reference, intent, input }
}

/** The text fields of a posted form, to refill it after a refusal. */
export function typedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of ['status', 'publicMessage', 'assigneeId', 'category', 'note']) {
    const v = text(form, name)
    if (v !== undefined) out[name] = v
  }
  return out
}

export const savedMessages: Record<TicketFormIntent, string> = {
  status: 'Statut enregistré.',
  assign: 'Attribution enregistrée.',
  category: 'Catégorie enregistrée.',
  note: 'Note ajoutée.',
}

export type BulkAction = 'assign' | 'status' | 'category'

/** The action a bulk form post asked for and the value it applies ('' unassigns), for the confirmation. */
export function bulkChoiceFromForm(form: FormData): { action: BulkAction; value: string } | null {
  const action = text(form, 'action')
  if (action === 'assign') return { action, value: text(form, 'assigneeId') ?? '' }
  if (action === 'status') return { action, value: text(form, 'status') ?? '' }
  if (action === 'category') return { action, value: text(form, 'category') ?? '' }
  return null
}

/** The bulk form: checked "reference:version" items, the pressed button's action and its value. */
export function bulkInputFromForm(form: FormData): Record<string, unknown> {
  const action = text(form, 'action')
  const items = form.getAll('items').filter((v): v is string => typeof v === 'string')
  if (action === 'assign') return { action, items, assigneeId: text(form, 'assigneeId') ?? '' }
  if (action === 'status') return { action, items, status: text(form, 'status') }
  if (action === 'category') return { action, items, category: text(form, 'category') }
  return { action, items }
}
