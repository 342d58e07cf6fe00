import 'server-only'
import type { Transporter } from 'nodemailer'
import { z } from 'zod'
import { claimDue, markNotSent, markSent, releaseClaims, type ClaimedMessage } from './claim'
import { mailFrom, mailOrigin } from './config'
import { classifySendFailure, nextAttemptAt } from './failures'
import { renderMessage } from './messages'
import { openToken } from './seal'

// Sends the due messages of the outbox: claim a batch, send each, mark each as soon as it is
// answered (so at most the messages in flight at a crash can go out twice).

export interface DeliveryOptions {
  owner: string
  claimSeconds: number
  batch?: number
  /** Asked between batches: true stops after the batch in flight. */
  stopping?: () => boolean
  now?: () => Date
}

export interface DeliveryCount {
  sent: number
  retried: number
  failed: number
}

const emailSchema = z.email()

type Outcome = keyof DeliveryCount

async function sendOne(transport: Transporter, row: ClaimedMessage, opts: DeliveryOptions): Promise<Outcome> {
  const now = opts.now?.() ?? new Date()
  if (!emailSchema.safeParse(row.to).success) {
    await markNotSent(row.id, opts.owner, 'Adresse invalide', null)
    return 'failed'
  }
  const params = JSON.parse(row.params) as Record<string, unknown>
  const mail = renderMessage(row.kind, params, { origin: mailOrigin(), token: openToken(row.sealedToken) })
  try {
    await transport.sendMail({
      from: mailFrom(),
      to: row.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: row.messageId,
      headers: { 'Auto-Submitted': 'auto-generated' },
    })
  } catch (error) {
    const failure = classifySendFailure(error)
    const retryAt = failure.permanent ? null : nextAttemptAt(new Date(row.createdAt), row.attempts + 1, now)
    const reason = failure.permanent || retryAt ? failure.reason : `Abandonné après 24 h. ${failure.reason}`
    await markNotSent(row.id, opts.owner, reason, retryAt)
    return retryAt ? 'retried' : 'failed'
  }
  await markSent(row.id, opts.now?.() ?? new Date())
  return 'sent'
}

/** Sends every due message, batch after batch, until none is due (or `stopping()`). */
export async function deliverDue(transport: Transporter, opts: DeliveryOptions): Promise<DeliveryCount> {
  const count: DeliveryCount = { sent: 0, retried: 0, failed: 0 }
  while (!opts.stopping?.()) {
    const rows = await claimDue(opts.owner, opts.batch ?? 20, opts.claimSeconds, opts.now?.())
    if (rows.length === 0) break
    const outcomes = await Promise.allSettled(rows.map((row) => sendOne(transport, row, opts)))
    const sentBefore = count.sent
    const unexpected: number[] = []
    outcomes.forEach((o, i) => (o.status === 'fulfilled' ? count[o.value]++ : unexpected.push(rows[i]!.id)))
    if (unexpected.length > 0) {
      // A bug (a row that cannot be rendered): give the claim back and stop this pass, loudly.
      await releaseClaims(unexpected, opts.owner)
      throw (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason
    }
    // Nothing of the batch went out and some must wait: the server is down, try again at the next pass.
    if (count.sent === sentBefore && count.retried > 0) break
  }
  return count
}
