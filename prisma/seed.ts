// `npm run db:seed` (also run by `npm run db:reset`): a small useful dataset on a migrated database.
// - a staff account when SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD are set (SEED_ADMIN_NAME, and
//   SEED_ADMIN_ROLE ADMIN|AGENT, optional), through the same path as `npm run admin:create`;
// - the demo directory and reports of `npm run seed:demo`.
// Running it twice adds nothing new: an existing account is kept, demo reports are not repeated.
import { databaseUrl } from '../scripts/database-url.mjs'

process.env.DATABASE_URL = databaseUrl()

async function seedAccount(): Promise<void> {
  const email = process.env.SEED_ADMIN_EMAIL
  const password = process.env.SEED_ADMIN_PASSWORD
  if (!email || !password) {
    console.log('Aucun compte créé (SEED_ADMIN_EMAIL et SEED_ADMIN_PASSWORD absents) : utilisez npm run admin:create.')
    return
  }
  const { createAccountFromCommandLine } = await import('@/lib/accounts/mutations')
  const result = await createAccountFromCommandLine({
    email,
    password,
    role: process.env.SEED_ADMIN_ROLE?.toUpperCase() ?? 'ADMIN',
    name: process.env.SEED_ADMIN_NAME ?? email.split('@')[0],
  })
  if (result.ok) console.log(`Compte créé : ${result.value.email}.`)
  else if (result.code === 'CONFLICT') console.log(`Le compte ${email} existe déjà : il est gardé tel quel.`)
  else throw new Error(`Compte refusé : ${JSON.stringify(result.fieldErrors ?? result.code)}`)
}

async function main(): Promise<void> {
  const { db } = await import('@/lib/db')
  const { seedDemo } = await import('../scripts/demo-data')
  try {
    await seedAccount()
    await seedDemo()
  } finally {
    await db.$disconnect()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
