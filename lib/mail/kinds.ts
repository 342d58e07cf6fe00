// The kinds of message in the outbox and their French names on the admin page. Pure.

// The question after resolution ("Pouvez-vous vous connecter maintenant ?") is part of the RESOLVED
// status mail: one mail per ticket and change.
export const outboxKinds = ['ACKNOWLEDGEMENT', 'STATUS_CHANGED', 'INCIDENT_ALERT', 'DAILY_DIGEST'] as const
export type OutboxKind = (typeof outboxKinds)[number]

export const outboxKindLabels: Record<OutboxKind, string> = {
  ACKNOWLEDGEMENT: 'Accusé de réception',
  STATUS_CHANGED: 'Changement de statut',
  INCIDENT_ALERT: 'Alerte incident (équipe)',
  DAILY_DIGEST: 'Récapitulatif quotidien (équipe)',
}

export const outboxStates = ['PENDING', 'SENT', 'FAILED'] as const
export type OutboxState = (typeof outboxStates)[number]

export const outboxStateLabels: Record<OutboxState, string> = {
  PENDING: 'En attente',
  SENT: 'Envoyé',
  FAILED: 'Échec',
}
