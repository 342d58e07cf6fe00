import 'server-only'
import { z } from 'zod'
import { DEFAULT_DATABASE_URL, databaseProviderOf } from '../scripts/database-provider.mjs'

// The only reader of process.env in the application. Every setting has a sane default so that
// `npm install && npm start` works with no .env file.
const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true')

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** An SQLite file (`file:`, the default) or a PostgreSQL server (`postgresql://`, `postgres://`; issue 18). */
  DATABASE_URL: z
    .string()
    .min(1)
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => databaseProviderOf(url) !== null, 'DATABASE_URL doit commencer par file:, postgresql:// ou postgres://.'),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  APP_ORIGIN: z.string().url().optional(),
  /** Set by Next.js itself; 'phase-production-build' while `next build` runs. */
  NEXT_PHASE: z.string().optional(),
  TRUST_PROXY: flag,
  RATE_LIMIT_REPORTS_PER_MIN: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_CLASSIFY_PER_MIN: z.coerce.number().int().positive().default(600),
  /** Reports one person (same address + same name or login) may file per 10 minutes. */
  RATE_LIMIT_REPORTS_PER_PERSON: z.coerce.number().int().positive().default(5),
  /** Closed reports older than this many days are anonymised by `npm run purge`. */
  RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  /** SMTP server for outgoing mail (smtp://user:pass@host:587, smtps://…); without it mail waits in the outbox. */
  SMTP_URL: z.string().optional().transform((v) => v || undefined).pipe(z.url().optional()),
  /** Sender of outgoing mail; default: no-reply at the public address's host. */
  MAIL_FROM: z.string().optional().transform((v) => v || undefined),
  /** An incident alert is mailed to staff when this many reports arrive within MAIL_ALERT_WINDOW_MIN. */
  MAIL_ALERT_THRESHOLD: z.coerce.number().int().positive().default(10),
  MAIL_ALERT_WINDOW_MIN: z.coerce.number().int().positive().default(30),
  /** How long a delivery worker owns the messages it claimed; after a crash they are free again. */
  MAIL_CLAIM_SECONDS: z.coerce.number().int().positive().default(120),
  /** How often the delivery worker inside the server looks for due messages. */
  MAIL_POLL_MS: z.coerce.number().int().positive().default(5000),
})

export type Env = z.infer<typeof envSchema>

let cached: Env | undefined

export function env(): Env {
  cached ??= envSchema.parse(process.env)
  return cached
}
