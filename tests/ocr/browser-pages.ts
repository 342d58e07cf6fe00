// Texts of the pages a person photographs or screenshots when PRONOTE will not open: the
// catalogue's own messages (lib/catalogue/entries.ts) as PRONOTE shows them, and the error pages of
// the four common browsers, in French and English, for an unknown address and for a 503.
import { catalogue } from '@/lib/catalogue/entries'

export type Look = 'pronote' | 'chrome' | 'edge' | 'firefox' | 'safari'

export interface SamplePage {
  id: string
  look: Look
  lang: 'fr' | 'en'
  /** Title then body lines, as displayed. */
  lines: string[]
}

const HOST = '0330001z.index-education.net'

export function cataloguePages(): SamplePage[] {
  const seen = new Set<string>()
  const pages: SamplePage[] = []
  for (const entry of Object.values(catalogue)) {
    const messages = [...entry.messages, ...entry.variants.flatMap((v) => v.messages)]
    for (const message of messages) {
      if (seen.has(message)) continue
      seen.add(message)
      pages.push({ id: `pronote-${pages.length + 1}`, look: 'pronote', lang: 'fr', lines: [message] })
    }
  }
  return pages
}

export const browserPages: SamplePage[] = [
  { id: 'chrome-dns-fr', look: 'chrome', lang: 'fr', lines: ['Ce site est inaccessible', `Vérifiez si l’adresse ${HOST} est correctement orthographiée.`, 'DNS_PROBE_FINISHED_NXDOMAIN'] },
  { id: 'chrome-dns-en', look: 'chrome', lang: 'en', lines: ['This site can’t be reached', `Check if there is a typo in ${HOST}.`, 'DNS_PROBE_FINISHED_NXDOMAIN'] },
  { id: 'chrome-503-fr', look: 'chrome', lang: 'fr', lines: ['Cette page ne fonctionne pas', `${HOST} ne parvient pas à traiter cette demande pour le moment.`, 'HTTP ERROR 503'] },
  { id: 'chrome-503-en', look: 'chrome', lang: 'en', lines: ['This page isn’t working', `${HOST} is currently unable to handle this request.`, 'HTTP ERROR 503'] },
  { id: 'edge-dns-fr', look: 'edge', lang: 'fr', lines: ['Hmm… impossible d’accéder à cette page', `Vérifiez si l’orthographe de ${HOST} est correcte.`, 'DNS_PROBE_FINISHED_NXDOMAIN'] },
  { id: 'edge-dns-en', look: 'edge', lang: 'en', lines: ['Hmmm… can’t reach this page', `Check if there is a typo in ${HOST}.`, 'DNS_PROBE_FINISHED_NXDOMAIN'] },
  { id: 'edge-503-fr', look: 'edge', lang: 'fr', lines: ['Cette page ne fonctionne pas pour le moment', `${HOST} ne peut pas traiter cette demande pour l’instant.`, 'HTTP ERROR 503'] },
  { id: 'edge-503-en', look: 'edge', lang: 'en', lines: ['This page isn’t working right now', `${HOST} can’t currently handle this request.`, 'HTTP ERROR 503'] },
  { id: 'firefox-dns-fr', look: 'firefox', lang: 'fr', lines: ['Hum, nous ne parvenons pas à trouver ce site.', `Impossible de se connecter au serveur à l’adresse ${HOST}.`, 'Si l’adresse est correcte, vous pouvez :', 'Réessayer plus tard ;', 'Vérifier votre connexion réseau.'] },
  { id: 'firefox-dns-en', look: 'firefox', lang: 'en', lines: ['Hmm. We’re having trouble finding that site.', `We can’t connect to the server at ${HOST}.`, 'If you entered the right address, you can:', 'Try again later', 'Check your network connection'] },
  { id: 'safari-dns-fr', look: 'safari', lang: 'fr', lines: ['Safari ne parvient pas à trouver le serveur', `Safari ne parvient pas à ouvrir la page « ${HOST} », car il ne parvient pas à trouver le serveur « ${HOST} ».`] },
  { id: 'safari-dns-en', look: 'safari', lang: 'en', lines: ['Safari Can’t Find the Server', `Safari can’t open the page “${HOST}” because Safari can’t find the server “${HOST}”.`] },
]

export function samplePages(): SamplePage[] {
  return [...cataloguePages(), ...browserPages]
}

/** The text a person would have typed for this page: what the eval compares against. */
export function pageText(page: SamplePage): string {
  return page.lines.join('\n')
}

const looks: Record<Look, { font: string; title: string; body: string; background: string }> = {
  pronote: { font: 'Arial, sans-serif', title: 'font-size:20px;font-weight:bold;color:#26318b', body: 'font-size:16px;color:#333', background: '#f2f3f8' },
  chrome: { font: '"Segoe UI", Roboto, Arial, sans-serif', title: 'font-size:24px;font-weight:500;color:#202124', body: 'font-size:15px;color:#5f6368', background: '#ffffff' },
  edge: { font: '"Segoe UI", Arial, sans-serif', title: 'font-size:26px;font-weight:600;color:#1b1b1b', body: 'font-size:15px;color:#444', background: '#f7f7f7' },
  firefox: { font: 'Arial, sans-serif', title: 'font-size:26px;font-weight:300;color:#15141a', body: 'font-size:15px;color:#15141a', background: '#f9f9fb' },
  safari: { font: 'Helvetica, Arial, sans-serif', title: 'font-size:24px;font-weight:bold;color:#555', body: 'font-size:14px;color:#777;text-align:center', background: '#f0f0f0' },
}

/** A plain rendering of the page: the look matters less than the words and their size. */
export function pageHtml(page: SamplePage): string {
  const look = looks[page.look]
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const [title = '', ...body] = page.lines
  const banner = page.look === 'pronote' ? '<div style="background:#26318b;color:#fff;padding:10px 16px;font:bold 18px Arial">PRONOTE</div>' : ''
  return `<!doctype html><html lang="${page.lang}"><meta charset="utf-8"><body style="margin:0;background:${look.background};font-family:${look.font}">${banner}
<main style="max-width:600px;margin:48px auto;padding:0 24px">
<h1 style="${look.title};margin:0 0 16px">${esc(title)}</h1>
${body.map((line) => `<p style="${look.body};margin:0 0 10px;line-height:1.45">${esc(line)}</p>`).join('\n')}
</main></body></html>`
}
