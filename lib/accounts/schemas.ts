import { z } from 'zod'
import { emailSchema } from '@/lib/auth/schemas'
import { roles } from '@/lib/auth/viewer'

// Staff accounts. Pure: the accounts page and the admin:create command share these schemas.

export const PASSWORD_MIN_LENGTH = 12

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(1024, 'Le mot de passe est trop long (1024 caractères au plus).')

const roleSchema = z.enum(roles, { message: 'Choisissez un rôle : administrateur ou agent.' })
const accountIdSchema = z.string().trim().min(1, 'Compte manquant.').max(64)

export const createAccountSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'Indiquez le nom de la personne.').max(120, 'Nom trop long (120 caractères au plus).'),
  role: roleSchema.default('AGENT'),
  password: passwordSchema,
})
export type CreateAccountInput = z.infer<typeof createAccountSchema>

export const changeRoleSchema = z.object({ accountId: accountIdSchema, role: roleSchema })

/** Forms post strings: "true"/"false" (or "1"/"0") become a boolean. */
export const setDisabledSchema = z.object({
  accountId: accountIdSchema,
  disabled: z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]),
})

export const resetPasswordSchema = z.object({ accountId: accountIdSchema, password: passwordSchema })

export const LAST_ADMIN_MESSAGE =
  'Impossible : ce compte est le dernier administrateur actif. Nommez d’abord un autre administrateur.'
export const EMAIL_TAKEN_MESSAGE = 'Un compte existe déjà avec cette adresse e-mail.'
