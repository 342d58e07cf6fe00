// Loads the demo dataset (scripts/demo-data.ts) into the database named by DATABASE_URL.
// Run: npm run seed:demo (apply migrations first). `npm run db:seed` does the same, plus an account.
import { db } from '@/lib/db'
import { seedDemo } from './demo-data'

seedDemo()
  .catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => db.$disconnect())
