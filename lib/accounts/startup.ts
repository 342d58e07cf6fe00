import 'server-only'
import { env } from '@/lib/env'
import { countAccounts } from './queries'

export const FIRST_ACCOUNT_HINT =
  'Relais : aucun compte du personnel. Créez le premier administrateur avec : npm run admin:create -- --email vous@etablissement.fr --password "au moins 12 caractères" --name "Prénom Nom"'

/**
 * Logs FIRST_ACCOUNT_HINT when the database holds no staff account. Silent during `next build`
 * (the database may not exist there) and when the database cannot be read yet.
 */
export async function logFirstAccountHint(log: (line: string) => void = console.log): Promise<boolean> {
  if (env().NEXT_PHASE === 'phase-production-build') return false
  try {
    if ((await countAccounts()) > 0) return false
  } catch {
    return false
  }
  log(FIRST_ACCOUNT_HINT)
  return true
}
