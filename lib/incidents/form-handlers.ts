import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { failureCodes, messageFor, type FailureCode, type Result } from '@/lib/result'
import { detachTicket, mergeIncidents } from './membership'
import { reopenIncident, resolveIncident, updateIncident } from './mutations'

// The incident page's forms (they work without JavaScript): one intent per button, the same lib
// calls as the JSON API, an outcome in French for the page to show after its redirect.

export const incidentIntents = ['publish', 'withdraw', 'resolve', 'reopen', 'detach', 'merge'] as const
type Intent = (typeof incidentIntents)[number]

const done: Record<Intent, string> = {
  publish: 'Avis public enregistré : il s’affiche sur le formulaire de signalement.',
  withdraw: 'Avis public retiré.',
  resolve: 'Incident résolu : chaque signalement ouvert est passé à « Résolu » avec votre message.',
  reopen: 'Incident rouvert.',
  detach: 'Signalement retiré de l’incident.',
  merge: 'Incidents fusionnés.',
}

/**
 * The outcome travels in the redirect's query as codes, never as text, so a crafted link cannot
 * put words on the staff's page: `fait=<intent>` or `erreur=<failure code>`.
 */
export type IncidentFormOutcome = { ok: true; intent: Intent } | { ok: false; code: FailureCode }

export function outcomeMessage(query: { fait?: string; erreur?: string }): { ok: boolean; message: string } | null {
  if (query.fait && Object.hasOwn(done, query.fait)) return { ok: true, message: done[query.fait as Intent] }
  if (query.erreur && Object.hasOwn(failureCodes, query.erreur)) {
    const code = query.erreur as FailureCode
    return { ok: false, message: code === 'VALIDATION' ? 'Action refusée : vérifiez le message (1 à 1 000 caractères) et la sélection.' : messageFor(code) }
  }
  return null
}

function run(viewer: Viewer, id: string, intent: Intent, field: (name: string) => string | undefined): Promise<Result<unknown>> {
  const version = field('version')
  switch (intent) {
    case 'publish':
      return updateIncident(viewer, id, { version, published: true, publicMessage: field('publicMessage') })
    case 'withdraw':
      return updateIncident(viewer, id, { version, published: false })
    case 'resolve':
      return resolveIncident(viewer, id, { version, message: field('message') })
    case 'reopen':
      return reopenIncident(viewer, id, { version })
    case 'detach':
      return detachTicket(viewer, id, { version, reference: field('reference') })
    case 'merge': {
      const [from = '', fromVersion = ''] = (field('from') ?? '').split(':')
      return mergeIncidents(viewer, id, { version, from, fromVersion })
    }
  }
}

export async function handleIncidentForm(viewer: Viewer, id: string, form: FormData): Promise<IncidentFormOutcome> {
  const intent = String(form.get('intent') ?? '') as Intent
  if (!incidentIntents.includes(intent)) return { ok: false, code: 'VALIDATION' }
  const field = (name: string) => {
    const value = form.get(name)
    return typeof value === 'string' ? value : undefined
  }
  const result = await run(viewer, id, intent, field)
  return result.ok ? { ok: true, intent } : { ok: false, code: result.code }
}
