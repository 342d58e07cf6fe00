import 'server-only'
import { env } from '@/lib/env'
import { publicOrigin } from '@/lib/http/public-origin'

// Mail settings, read through lib/env.ts only.

/**
 * The public address used in mailed links: APP_ORIGIN, else NEXTAUTH_URL (lib/http/public-origin.ts,
 * as for the API's trackingUrl), never a bind address. No request here: no header to trust.
 */
export function mailOrigin(): string {
  return publicOrigin(new Headers())
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
