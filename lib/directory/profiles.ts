// PRONOTE profile labels as exports spell them → our profile codes. Pure.
import type { ProfileCode } from '@/lib/catalogue/types'
import { normalizeName } from '@/lib/directory/normalize'

const labels: [RegExp, ProfileCode][] = [
  [/^(eleves?|etudiants?)$/, 'ELEVE'],
  [/^(responsables?|parents?|responsables? legal|responsables? legaux|representant legal)( .*)?$/, 'PARENT'],
  [/^(professeurs?|enseignants?|profs?)( .*)?$/, 'PROFESSEUR'],
  [/^(personnels?|vie scolaire|cpe|aed|direction|administratif|personnel .*)$/, 'PERSONNEL'],
  [/^(maitres? de stage|entreprises?|tuteurs?( de stage)?)$/, 'ENTREPRISE'],
  [/^(accompagnants?|aesh)$/, 'ACCOMPAGNANT'],
]

/** The profile code for a label such as "Élève", "Responsable légal" or "Professeur"; null if unknown. */
export function profileFromLabel(label: string): ProfileCode | null {
  const value = normalizeName(label)
  if (!value) return null
  const upper = value.toUpperCase().replace(/ /g, '_')
  if (['ELEVE', 'PARENT', 'PROFESSEUR', 'PERSONNEL', 'ENTREPRISE', 'ACCOMPAGNANT'].includes(upper)) return upper as ProfileCode
  for (const [pattern, code] of labels) if (pattern.test(value)) return code
  return null
}
