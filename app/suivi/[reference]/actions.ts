'use server'

import { redirect } from 'next/navigation'
import { confirmReport } from '@/lib/reports/confirmation'
import { trackingPath } from '@/lib/reports/dto'

/** "Pouvez-vous vous connecter maintenant ?" — works without JavaScript: answer, then back to the page. */
export async function confirmReportAction(form: FormData): Promise<void> {
  const reference = String(form.get('reference') ?? '')
  const token = String(form.get('t') ?? '')
  const result = await confirmReport(reference, token, { works: form.get('works'), comment: form.get('comment') || null })
  if (!result.ok && result.code === 'NOT_FOUND') redirect('/')
  const answer = result.ok ? (result.value.verified ? 'oui' : 'non') : 'refus'
  redirect(`${trackingPath(reference, token)}&reponse=${answer}`)
}
