import 'server-only'
import { isTicketStatus, statusLabels } from '@/lib/tickets/status'
import type { OutboxKind } from './kinds'
import { absoluteLink, trackingUrl } from './links'

// The messages, in French, short enough for a phone: a plain text part and a simple HTML part built
// from the same paragraphs. Rendered when sent, from the row's non-personal `params` and its tracking
// token: a message to the person never carries the text of their report nor anyone else's data.

export interface RenderedMail {
  subject: string
  text: string
  html: string
}

/** A paragraph, a list of steps, or a link with its label. */
type Block = string | { steps: string[] } | { link: string; label: string }

export interface RenderContext {
  origin: string
  /** The ticket's tracking token, opened from the row (null: the link cannot be given). */
  token: string | null
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function compose(subject: string, blocks: Block[]): RenderedMail {
  const text = blocks
    .map((b) => (typeof b === 'string' ? b : 'steps' in b ? b.steps.map((s) => `- ${s}`).join('\n') : `${b.label} :\n${b.link}`))
    .concat('—\nRelais, le suivi des problèmes de connexion à PRONOTE de votre établissement.')
    .join('\n\n')
  const html = blocks
    .map((b) =>
      typeof b === 'string'
        ? `<p>${escapeHtml(b)}</p>`
        : 'steps' in b
          ? `<ul>${b.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`
          : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`,
    )
    .join('\n')
  return {
    subject,
    text,
    html: `<!doctype html><html lang="fr"><body style="font-family:sans-serif;font-size:16px;line-height:1.5;max-width:36em">\n${html}\n<p style="color:#555;font-size:14px">Relais, le suivi des problèmes de connexion à PRONOTE de votre établissement.</p></body></html>`,
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

function trackingBlock(params: Record<string, unknown>, ctx: RenderContext): Block {
  const reference = str(params.reference)
  return ctx.token
    ? { link: trackingUrl(ctx.origin, reference, ctx.token), label: 'Suivre votre signalement' }
    : 'Ouvrez le lien de suivi reçu lors de votre signalement pour en voir le détail.'
}

function acknowledgement(params: Record<string, unknown>, ctx: RenderContext): RenderedMail {
  const reference = str(params.reference)
  const selfHelp = params.selfHelp as { title?: unknown; steps?: unknown } | null
  const steps = Array.isArray(selfHelp?.steps) ? selfHelp.steps.filter((s): s is string => typeof s === 'string') : []
  return compose(`Signalement ${reference} bien reçu`, [
    'Bonjour,',
    `Votre signalement a bien été reçu. Sa référence : ${reference}.`,
    trackingBlock(params, ctx),
    ...(steps.length > 0 ? [`En attendant, vous pouvez essayer ceci (${str(selfHelp?.title)}) :`, { steps }] : []),
    str(params.whoActs),
    'L’établissement répond en général sous deux jours ouvrés. Vous recevrez un e-mail dès que votre signalement avance.',
    'Ce lien est personnel : ne le transférez pas.',
  ])
}

/** After resolution: the question of the tracking page, answered there with the token alone (no account). */
function confirmationBlocks(ctx: RenderContext, reference: string): Block[] {
  if (!ctx.token) return ['Pouvez-vous vous connecter maintenant ? Dites-le-nous depuis la page de suivi.']
  const link = `${trackingUrl(ctx.origin, reference, ctx.token)}#confirm-title`
  return ['Pouvez-vous vous connecter maintenant ? Un clic suffit pour nous le dire :', { link, label: 'Répondre : ça marche, ou toujours bloqué' }]
}

function statusChanged(params: Record<string, unknown>, ctx: RenderContext): RenderedMail {
  const reference = str(params.reference)
  const status = str(params.status)
  const label = isTicketStatus(status) ? statusLabels[status] : status
  const resolved = status === 'RESOLVED'
  return compose(`Signalement ${reference} : ${label.toLowerCase()}`, [
    'Bonjour,',
    `Votre signalement ${reference} est maintenant « ${label} ». L’établissement vous a laissé un message sur la page de suivi.`,
    trackingBlock(params, ctx),
    ...(resolved ? confirmationBlocks(ctx, str(params.reference)) : []),
  ])
}

function incidentAlert(params: Record<string, unknown>, ctx: RenderContext): RenderedMail {
  const count = Number(params.count) || 0
  return compose(`Relais : ${count} signalements « ${str(params.label)} »`, [
    `${count} signalements « ${str(params.label)} » en ${Number(params.windowMinutes) || 0} minutes : un incident est probablement en cours.`,
    { link: absoluteLink(ctx.origin, str(params.path) || '/admin'), label: 'Ouvrir dans Relais' },
  ])
}

function dailyDigest(params: Record<string, unknown>, ctx: RenderContext): RenderedMail {
  const counts = (params.counts ?? {}) as Record<string, number>
  const open = Object.values(counts).reduce((a, b) => a + (Number(b) || 0), 0)
  return compose(`Relais : ${open} signalement(s) ouvert(s)`, [
    `Signalements ouverts ce matin : ${open}.`,
    { steps: Object.entries(counts).map(([status, n]) => `${isTicketStatus(status) ? statusLabels[status] : status} : ${n}`) },
    { link: absoluteLink(ctx.origin, '/admin'), label: 'Ouvrir la file' },
  ])
}

const renderers: Record<OutboxKind, (params: Record<string, unknown>, ctx: RenderContext) => RenderedMail> = {
  ACKNOWLEDGEMENT: acknowledgement,
  STATUS_CHANGED: statusChanged,
  INCIDENT_ALERT: incidentAlert,
  DAILY_DIGEST: dailyDigest,
}

export function renderMessage(kind: string, params: Record<string, unknown>, ctx: RenderContext): RenderedMail {
  const render = renderers[kind as OutboxKind]
  if (!render) throw new Error(`Unknown outbox message kind: ${kind}`)
  return render(params, ctx)
}
