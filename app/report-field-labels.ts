import type { ReportField } from '@/lib/reports/fields'

// The public form's field labels: shown beside each control and, in the error summary, before each
// message so "trop long" says which field it is about.
export const reportFieldLabels: Record<ReportField, string> = {
  message: 'Le message d’erreur affiché',
  profile: 'Vous êtes',
  fullName: 'Vos nom et prénom',
  email: 'Votre adresse e-mail',
  establishment: 'Établissement',
  login: 'Votre identifiant PRONOTE',
  entName: 'Nom de l’ENT',
  entLogin: 'Votre identifiant ENT',
  url: 'L’adresse que vous avez essayée',
  occurredAt: 'Quand est-ce arrivé (date et heure)',
}
