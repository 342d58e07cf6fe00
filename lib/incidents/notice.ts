import { PARIS_TIME_ZONE } from '@/lib/time/paris'

// How the public side words a known problem (issue 13). Pure.

const hourMinute = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, hour: 'numeric', minute: '2-digit' })
const dayMonth = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, day: 'numeric', month: 'long' })
const day = new Intl.DateTimeFormat('fr-CA', { timeZone: PARIS_TIME_ZONE })

/** "7 h 42" today (Paris time), "le 1 septembre à 7 h 42" another day. */
export function formatSince(since: Date, now = new Date()): string {
  const time = hourMinute.format(since).replace(':', ' h ')
  return day.format(since) === day.format(now) ? time : `le ${dayMonth.format(since)} à ${time}`
}

export const NO_NEED_TO_REPORT = 'Inutile de le signaler à nouveau : l’établissement est prévenu et s’en occupe.'
