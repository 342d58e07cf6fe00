import 'server-only'
import { randomUUID } from 'node:crypto'
import nodemailer, { type Transporter } from 'nodemailer'
import { env } from '@/lib/env'
import { smtpUrl } from './config'
import { deliverDue, type DeliveryCount } from './deliver'
import { queueDailyDigests } from './staff'
import { setMailNudge } from './nudge'

// The delivery worker: inside the server process (started by instrumentation.ts, stopped by the
// SIGTERM drain of scripts/server.mjs) and as `npm run mail:deliver` for one pass. Without SMTP_URL
// it sends nothing: the messages wait in the outbox, and go out once it is configured.

/** A pooled SMTP transport for SMTP_URL (null when not configured). */
export function createMailTransport(): Transporter | null {
  const url = smtpUrl()
  if (!url) return null
  const parsed = new URL(url)
  if (!parsed.searchParams.has('pool')) parsed.searchParams.set('pool', 'true')
  if (!parsed.searchParams.has('maxConnections')) parsed.searchParams.set('maxConnections', '3')
  return nodemailer.createTransport(parsed.href)
}

function logCount(count: DeliveryCount): void {
  // Counts only: the log never names an address or a token.
  if (count.sent + count.retried + count.failed === 0) return
  console.log(`E-mails : ${count.sent} envoyé(s), ${count.retried} à réessayer, ${count.failed} en échec.`)
}

/** One pass: queues the digests due, then sends everything due. */
export async function deliverOnce(transport: Transporter, stopping?: () => boolean): Promise<DeliveryCount> {
  await queueDailyDigests()
  const count = await deliverDue(transport, { owner: `worker-${randomUUID()}`, claimSeconds: env().MAIL_CLAIM_SECONDS, stopping })
  logCount(count)
  return count
}

export interface MailWorker {
  /** Finishes the batch in flight, then closes the SMTP connections. */
  stop(): Promise<void>
}

export function startMailWorker(): MailWorker {
  const transport = createMailTransport()
  let stopping = false
  let wake: (() => void) | undefined
  let again = false
  const owner = `server-${randomUUID()}`
  const nudge = () => {
    again = true
    wake?.()
  }
  setMailNudge(transport ? nudge : undefined)

  const loop = async () => {
    while (!stopping) {
      again = false
      try {
        await queueDailyDigests()
        if (transport) logCount(await deliverDue(transport, { owner, claimSeconds: env().MAIL_CLAIM_SECONDS, stopping: () => stopping }))
      } catch (error) {
        console.error('Envoi des e-mails interrompu :', error instanceof Error ? error.name : 'erreur')
      }
      if (stopping || again) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, env().MAIL_POLL_MS)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = undefined
    }
  }
  const running = loop()

  return {
    async stop() {
      stopping = true
      setMailNudge(undefined)
      wake?.()
      await running
      transport?.close()
    },
  }
}
