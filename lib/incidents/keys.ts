import type { ProfileCode } from '@/lib/catalogue/types'
import { espaceForProfile } from '@/lib/resolution/registry'
import { espaceCodes } from '@/lib/settings/schemas'

// Which reports share one school-side cause (issue 13). Pure. Individual causes (BAD_CREDENTIALS,
// UNKNOWN) never join an incident; ENT_IDENTITY_MISMATCH is grouped per ENT identity instead
// (lib/ent-failures). The key is what the partial unique index of the migration holds unique among
// OPEN incidents.

export const incidentCategories = ['SERVER_NOT_PUBLISHED', 'SITE_UNAVAILABLE', 'ESPACE_ACCESS_DISABLED', 'WRONG_ADDRESS'] as const
export type IncidentCategory = (typeof incidentCategories)[number]

export interface IncidentSubject {
  category: string
  variant: string | null
  profile: string
  url: string | null
}

export interface IncidentKey {
  key: string
  category: IncidentCategory
  /** The Espace (ESPACE_ACCESS_DISABLED) or the host (WRONG_ADDRESS) the key names, if any. */
  variant: string | null
}

export function isIncidentCategory(category: string): category is IncidentCategory {
  return (incidentCategories as readonly string[]).includes(category)
}

/** The host of the address the person tried ("pronote.exemple.fr/parent.html" counts too). */
export function hostOf(url: string | null): string | null {
  const text = url?.trim()
  if (!text) return null
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname.toLowerCase()
    return host.replace(/\.$/, '') || null
  } catch {
    return null
  }
}

/** The Espace concerned: the classifier's variant when it names one, else the reporter's profile's. */
function espaceOf(subject: IncidentSubject): string | null {
  if (subject.variant && (espaceCodes as readonly string[]).includes(subject.variant)) return subject.variant
  return espaceForProfile[subject.profile as ProfileCode] ?? null
}

/** The incident key of a report, or null when its cause is individual. */
export function incidentKeyFor(subject: IncidentSubject): IncidentKey | null {
  const category = subject.category
  if (!isIncidentCategory(category)) return null
  const variant = category === 'ESPACE_ACCESS_DISABLED' ? espaceOf(subject) : category === 'WRONG_ADDRESS' ? hostOf(subject.url) : null
  return { key: variant ? `${category}:${variant}` : category, category, variant }
}
