'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireActionViewer } from '@/lib/auth/session'
import { retryOutbox } from '@/lib/mail/mutations'
import { saveMailPreferences } from '@/lib/mail/preferences'

export async function retryOutboxAction(form: FormData): Promise<void> {
  const auth = await requireActionViewer('ADMIN')
  if (!auth.ok) redirect('/admin/acces-refuse')
  const id = form.get('id')
  const result = await retryOutbox(auth.value, id ? { id } : {})
  revalidatePath('/admin/messages')
  redirect(`/admin/messages?relance=${result.ok ? result.value.retried : 0}`)
}

export async function saveMailPreferencesAction(form: FormData): Promise<void> {
  const auth = await requireActionViewer()
  if (!auth.ok) redirect('/login')
  const result = await saveMailPreferences(auth.value, { incidentAlerts: form.get('incidentAlerts'), dailyDigest: form.get('dailyDigest') })
  redirect(`/admin/mon-compte?enregistre=${result.ok ? 1 : 0}`)
}
