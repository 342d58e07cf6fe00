import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { messageFor } from '@/lib/result'
import { bulkChoiceFromForm, bulkInputFromForm, savedMessages, ticketUpdateFromForm, typedValues, type BulkFormState, type TicketFormState } from './form'
import type { StatusNoticeFollower } from './status-notice'
import { bulkUpdateTickets, updateTicket } from './mutations'

// What the ticket server actions do once the viewer is known (app/admin/actions.ts obtains it).

export async function handleTicketForm(viewer: Viewer, form: FormData, follow?: StatusNoticeFollower): Promise<{ state: TicketFormState; reference: string }> {
  const { reference, intent, input } = ticketUpdateFromForm(form)
  const values = typedValues(form)
  if (!intent) return { reference, state: { status: 'error', code: 'VALIDATION', message: messageFor('VALIDATION'), fieldErrors: {}, values } }
  const result = await updateTicket(viewer, reference, input, follow)
  if (result.ok) return { reference, state: { status: 'saved', message: savedMessages[intent] } }
  return {
    reference,
    state: {
      status: 'error',
      code: result.code,
      message: result.message ?? messageFor(result.code),
      fieldErrors: result.fieldErrors ?? {},
      values,
    },
  }
}

export async function handleBulkForm(viewer: Viewer, form: FormData, follow?: StatusNoticeFollower): Promise<BulkFormState> {
  const result = await bulkUpdateTickets(viewer, bulkInputFromForm(form), follow)
  if (!result.ok) return { status: 'error', message: messageFor(result.code), fieldErrors: result.fieldErrors ?? {} }
  // The mutation accepted the input, so the form named a known action.
  const choice = bulkChoiceFromForm(form) ?? { action: 'assign', value: '' }
  return {
    status: 'done',
    ...choice,
    applied: result.value.applied,
    conflicted: result.value.conflicted,
    failed: result.value.failed.map((f) => ({ reference: f.reference, message: f.message ?? messageFor(f.code) })),
  }
}
