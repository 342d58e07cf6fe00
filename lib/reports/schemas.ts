import { z } from 'zod'
import { profileCodes } from '@/lib/catalogue/types'
import { MESSAGE_MAX, fieldLimits, reportFields, type ReportField } from './fields'
import { parseOccurredAt } from './occurred-at'

// The one schema for a report: the public form validates with it in the browser, the server action
// and the JSON API validate with it again before anything is stored. Pure: imported on both sides.

/** A report may say it happened up to this long after "now" (clock skew), no further. */
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000
const OLDEST_OCCURRED_AT = Date.UTC(2000, 0, 1)

const notText = 'Ce champ doit contenir du texte.'
const tooLong = (max: number) => `Ce champ est trop long (${max} caractères au maximum).`

const requiredText = (max: number, missing: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? missing : notText) })
    .trim()
    .min(1, missing)
    .max(max, tooLong(max))

/** Optional text: trimmed; absent, null or blank becomes null. */
const optionalText = (max: number) =>
  z
    .string({ error: notText })
    .trim()
    .max(max, tooLong(max))
    .nullish()
    .transform((v) => (v ? v : null))

const emailSchema = z.email()

export const messageSchema = requiredText(MESSAGE_MAX, 'Collez ou recopiez le message d’erreur que vous avez vu.')

const notAnObject = { error: 'Le contenu envoyé doit être un objet JSON.' }

export const reportSchema = z.object({
  message: messageSchema,
  fullName: requiredText(fieldLimits.fullName, 'Indiquez vos nom et prénom.'),
  // The form's "choose…" option posts an empty string: same as not saying.
  profile: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.enum(profileCodes, { error: 'Choisissez votre profil dans la liste.' }).default('AUTRE'),
  ),
  email: optionalText(fieldLimits.email).refine(
    (v) => v === null || emailSchema.safeParse(v).success,
    'Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).',
  ),
  establishment: optionalText(fieldLimits.establishment),
  login: optionalText(fieldLimits.login),
  entName: optionalText(fieldLimits.entName),
  entLogin: optionalText(fieldLimits.entLogin),
  url: optionalText(fieldLimits.url),
  occurredAt: z
    .string({ error: 'Date invalide.' })
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return new Date()
      const date = parseOccurredAt(value)
      if (!date) {
        ctx.addIssue({ code: 'custom', message: 'Date invalide : utilisez le format jj/mm/aaaa hh:mm.' })
        return z.NEVER
      }
      if (date.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
        ctx.addIssue({ code: 'custom', message: 'Cette date est dans le futur : indiquez quand le problème est arrivé.' })
        return z.NEVER
      }
      if (date.getTime() < OLDEST_OCCURRED_AT) {
        ctx.addIssue({ code: 'custom', message: 'Cette date est trop ancienne.' })
        return z.NEVER
      }
      return date
    }),
}, notAnObject)

export type ReportInput = z.infer<typeof reportSchema>
export { MESSAGE_MAX, fieldLimits, reportFields, type ReportField }

// lib/reports/fields.ts lists the fields without zod; both directions must hold.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const fieldsMatchSchema: Same<ReportField, keyof ReportInput> = true
void fieldsMatchSchema

export const classifyRequestSchema = z.object({ message: messageSchema }, notAnObject)

/** References look like RL-7K3F-9Q2M (Crockford base32 without I, L, O, U). */
export const referencePattern = /^RL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/
export const referenceSchema = z.string().trim().toUpperCase().regex(referencePattern)

/** Tracking tokens: 32 random bytes in base64url (43 characters). */
export const trackingTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/)

// The browser's form computes its field errors with the same function as the server.
export { fieldErrorsFrom } from '@/lib/result'
