'use server'

import { revalidatePath } from 'next/cache'
import { requireActionViewer } from '@/lib/auth/session'
import { mailStatusChange } from '@/lib/mail/outbox'
import { messageFor } from '@/lib/result'
import type { BulkFormState, TicketFormState } from '@/lib/tickets/form'
import { handleBulkForm, handleTicketForm } from '@/lib/tickets/form-handlers'

export async function updateTicketAction(_prev: TicketFormState, form: FormData): Promise<TicketFormState> {
  const viewer = await requireActionViewer('AGENT')
  if (!viewer.ok) return { status: 'error', code: viewer.code, message: messageFor(viewer.code), fieldErrors: {}, values: {} }
  const { state, reference } = await handleTicketForm(viewer.value, form, mailStatusChange)
  if (state.status === 'saved') {
    revalidatePath(`/admin/tickets/${encodeURIComponent(reference)}`)
    revalidatePath('/admin')
  }
  return state
}

export async function bulkUpdateTicketsAction(_prev: BulkFormState, form: FormData): Promise<BulkFormState> {
  const viewer = await requireActionViewer('AGENT')
  if (!viewer.ok) return { status: 'error', message: messageFor(viewer.code), fieldErrors: {} }
  const state = await handleBulkForm(viewer.value, form, mailStatusChange)
  if (state.status === 'done' && state.applied > 0) revalidatePath('/admin')
  return state
}
