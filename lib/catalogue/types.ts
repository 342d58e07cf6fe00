// Types shared by the catalogue, the classifier and everything that shows a diagnosis.
// Pure: imported on both the server and the client.

export const categoryCodes = [
  'SERVER_NOT_PUBLISHED',
  'SITE_UNAVAILABLE',
  'ESPACE_ACCESS_DISABLED',
  'WRONG_ADDRESS',
  'BAD_CREDENTIALS',
  'ENT_IDENTITY_MISMATCH',
  'UNKNOWN',
] as const
export type CategoryCode = (typeof categoryCodes)[number]

/** Who reports: the PRONOTE user types (API contract values). */
export const profileCodes = ['ELEVE', 'PARENT', 'PROFESSEUR', 'PERSONNEL', 'ENTREPRISE', 'ACCOMPAGNANT', 'AUTRE'] as const
export type ProfileCode = (typeof profileCodes)[number]

export const profileLabels: Record<ProfileCode, string> = {
  ELEVE: 'Élève',
  PARENT: 'Parent / responsable',
  PROFESSEUR: 'Professeur',
  PERSONNEL: 'Personnel (vie scolaire, direction…)',
  ENTREPRISE: 'Entreprise / maître de stage',
  ACCOMPAGNANT: 'Accompagnant (AESH)',
  AUTRE: 'Autre',
}

/** Who must act to clear the failure. */
export type Actor = 'ADMIN' | 'USER' | 'USER_THEN_ADMIN' | 'WAIT'

/** Where and how the school's administrator fixes the cause. */
export interface ResolutionScreen {
  /** PRONOTE menu path, e.g. "Communication > Gestion des identités > Résolution des échecs d'interconnexion". */
  menuPath: string
  steps: string[]
}

export interface SelfHelp {
  title: string
  steps: string[]
}

/** A named sub-case of a category (e.g. the temporary IP suspension under SITE_UNAVAILABLE). */
export interface CatalogueVariant {
  code: string
  label: string
  messages: string[]
  meaning: string
  actor: Actor
  selfHelp: SelfHelp
}

export interface CatalogueEntry {
  code: CategoryCode
  /** Short French label, e.g. "Identification impossible (ENT)". */
  label: string
  /** On-screen messages and their known variants, as the user sees them. */
  messages: string[]
  meaning: string
  actor: Actor
  /** One sentence in French saying who acts. */
  actorText: string
  resolution: ResolutionScreen
  /** Profile-specific resolution where PRONOTE's screens differ per user type. */
  resolutionByProfile?: Partial<Record<ProfileCode, ResolutionScreen>>
  selfHelp: SelfHelp
  variants: CatalogueVariant[]
}

/** One signal the classifier relied on, with its position in the original text. */
export interface Evidence {
  /** What matched, as written in the text. */
  text: string
  /** The catalogue signal it matched (a known message, code or paraphrase). */
  signal: string
  category: CategoryCode
  variant?: string
  /** Character offsets in the original text: text === input.slice(start, end). */
  start: number
  end: number
  /** Id of the school's rule that matched (school-rules.ts), absent for built-in signals. */
  rule?: string
}

export interface Classification {
  category: CategoryCode
  variant?: string
  /** 0..1 */
  confidence: number
  evidence: Evidence[]
  /** Why this category won (French, one sentence), e.g. when several signals competed. */
  reason: string
}
