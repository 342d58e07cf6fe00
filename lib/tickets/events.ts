import { labelForCategory } from './labels'
import { isTicketStatus, statusLabels } from './status'

// Ticket history: event types and their French rendering. Pure.

export const ticketEventTypes = {
  CREATED: 'Signalement reçu',
  STATUS_CHANGED: 'Statut modifié',
  ASSIGNED: 'Attribution modifiée',
  CATEGORY_CHANGED: 'Catégorie modifiée',
  RECATEGORIZED: 'Recatégorisé par une règle de l’établissement',
  NOTE_ADDED: 'Note interne',
  PUBLIC_MESSAGE_CHANGED: 'Message à l’usager modifié',
  INCIDENT_CHANGED: 'Incident modifié',
  CONFIRMED: 'Réponse de l’usager après résolution',
} as const

export type TicketEventType = keyof typeof ticketEventTypes

export function eventTitle(type: string): string {
  return type in ticketEventTypes ? ticketEventTypes[type as TicketEventType] : type
}

/** One line "avant → après" for the timeline; null when the event has no before/after. */
export function describeChange(
  type: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string | null {
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—'
    if (type === 'STATUS_CHANGED' && typeof value === 'string' && isTicketStatus(value)) return statusLabels[value]
    if ((type === 'CATEGORY_CHANGED' || type === 'RECATEGORIZED') && typeof value === 'string') return labelForCategory(value)
    if (typeof value === 'object' && value && 'name' in value) return String((value as { name: unknown }).name)
    return String(value)
  }
  const field = { STATUS_CHANGED: 'status', ASSIGNED: 'assignee', CATEGORY_CHANGED: 'category', RECATEGORIZED: 'category', PUBLIC_MESSAGE_CHANGED: 'publicMessage' }[
    type
  ]
  if (!field || (!before && !after)) return null
  if (type === 'ASSIGNED' && !after?.[field]) return `${show(before?.[field])} → non attribué`
  return `${show(before?.[field])} → ${show(after?.[field])}`
}
