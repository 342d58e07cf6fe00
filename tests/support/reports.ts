import { POST } from '@/pages/api/reports'

// Reports filed through POST /api/reports, as distinct people from distinct addresses (the rate
// limits are not what these tests measure).

const origin = 'http://relais.test'
let people = 0

export const messages = {
  SERVER_NOT_PUBLISHED: 'HTTP Error 503. The service is unavailable.',
  SITE_UNAVAILABLE: 'Le site n’est pas disponible',
  ESPACE_ACCESS_DISABLED: 'Vous n’avez pas accès à l’Espace Parents',
  WRONG_ADDRESS: 'Ce site est inaccessible : impossible de trouver l’adresse IP du serveur',
  BAD_CREDENTIALS: 'Votre identifiant ou votre mot de passe est incorrect',
} as const

export interface Filed {
  status: number
  reference: string
  token: string
  body: Record<string, unknown>
}

export async function fileReport(fields: Record<string, unknown>): Promise<Filed> {
  const n = ++people
  const res = await POST(
    new Request(`${origin}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-relais-client-address': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
      body: JSON.stringify({ fullName: `Personne ${n}`, profile: 'PARENT', email: `p${n}@exemple.test`, ...fields }),
    }),
  )
  const body = (await res.json()) as Record<string, unknown>
  const trackingUrl = new URL(String(body.trackingUrl ?? 'http://x/'))
  return { status: res.status, reference: String(body.reference), token: trackingUrl.searchParams.get('t') ?? '', body }
}
