// `npm run admin:create -- --email E --password P [--role ADMIN|AGENT] [--name N]`
// Creates a staff account from the server's shell (the first admin, or a recovery account), through
// the same schema and insert as the accounts page. Exit 0 on success, 1 with a French message otherwise.
import { parseArgs } from 'node:util'
import { databaseUrl } from './database-url.mjs'

const usage =
  'Usage : npm run admin:create -- --email adresse@exemple.fr --password "au moins 12 caractères" [--role ADMIN|AGENT] [--name "Prénom Nom"]'

function fatal(message: string): never {
  console.error(message)
  process.exit(1)
}

async function main() {
  let values: { email?: string; password?: string; role?: string; name?: string }
  try {
    ;({ values } = parseArgs({
      options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
      strict: true,
    }))
  } catch (error) {
    fatal(`Option non reconnue (${(error as Error).message}).\n${usage}`)
  }
  if (!values.email || !values.password) fatal(`Indiquez --email et --password.\n${usage}`)

  process.env.DATABASE_URL = databaseUrl()
  const { createAccountFromCommandLine } = await import('@/lib/accounts/mutations')
  const { db } = await import('@/lib/db')
  const { roleLabels } = await import('@/lib/auth/viewer')
  try {
    const result = await createAccountFromCommandLine({
      email: values.email,
      password: values.password,
      role: values.role?.toUpperCase() ?? 'ADMIN',
      name: values.name ?? values.email.split('@')[0],
    })
    if (!result.ok) {
      const details = Object.values(result.fieldErrors ?? {}).flat()
      fatal(['Le compte n’a pas été créé.', ...(details.length ? details : [result.message ?? result.code])].join('\n- '))
    }
    const account = result.value
    console.log(`Compte créé : ${account.email} (${roleLabels[account.role]}). Connectez-vous sur /login.`)
  } catch (error) {
    fatal(`Le compte n’a pas été créé : la base de données (${process.env.DATABASE_URL}) est inaccessible ou pas encore migrée (lancez npm run db:deploy).\n${(error as Error).message}`)
  } finally {
    await db.$disconnect()
  }
}

void main()
