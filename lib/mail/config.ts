import 'server-only'
import { env } from '@/lib/env'

// Mail settings, read through lib/env.ts only.

/** The public address used in mailed links: APP_ORIGIN, else NEXTAUTH_URL, never a bind address. */
export function mailOrigin(): string {
  const { APP_ORIGIN, NEXTAUTH_URL } = env()
  return new URL(APP_ORIGIN ?? NEXTAUTH_URL ?? 'http://localhost:3000').origin
}

export function mailFrom(): string {
  return env().MAIL_FROM ?? `Relais <no-reply@${new URL(mailOrigin()).hostname}>`
}

/** The SMTP server, or null: then messages wait in the outbox ("SMTP non configuré"). */
export function smtpUrl(): string | null {
  return env().SMTP_URL ?? null
}

export function smtpConfigured(): boolean {
  return smtpUrl() !== null
}
