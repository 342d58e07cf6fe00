import { profileLabels, type ProfileCode } from '@/lib/catalogue/types'
import { formatDuration } from '@/lib/ent-failures/stats'

// French wording for the ENT failures screen. Pure.

export const eventLabels: Record<string, string> = {
  CREATED: 'Premier signalement reçu',
  REPORT_ADDED: 'Nouveau signalement',
  REPORT_REMOVED: 'Signalement retiré (catégorie modifiée)',
  LINKED: 'Mise en relation avec un compte PRONOTE',
  REJECTED: 'Pas de compte correspondant',
  REOPENED: 'Rouvert',
  CLOSED: 'Clos dans la file avec tous ses signalements',
}

export function profileLabel(code: string): string {
  return profileLabels[code as ProfileCode] ?? code
}

export function ageOf(iso: string, now: number): string {
  return `depuis ${formatDuration(Math.max(0, now - new Date(iso).getTime()))}`
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso))
}
