'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireActionViewer } from '@/lib/auth/session'
import { handleIncidentForm } from '@/lib/incidents/form-handlers'

/** Every incident form posts here with its intent; the page shows the outcome after the redirect. */
export async function incidentAction(form: FormData): Promise<void> {
  const id = String(form.get('incidentId') ?? '')
  const viewer = await requireActionViewer('AGENT')
  const outcome = viewer.ok ? await handleIncidentForm(viewer.value, id, form) : { ok: false as const, code: viewer.code }
  if (outcome.ok) revalidatePath('/admin')
  const query = new URLSearchParams(outcome.ok ? { fait: outcome.intent } : { erreur: outcome.code })
  redirect(`/admin/incidents/${encodeURIComponent(id)}?${query}`)
}
