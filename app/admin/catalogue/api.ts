// The admin page's calls to the catalogue's JSON API (lib/rules/routes.ts), from the browser: the
// same routes a script would use, so the page cannot do what the API refuses.

export interface ApiAnswer<T> {
  ok: boolean
  data?: T
  /** French message to show (the API's own), and field messages keyed by field. */
  message?: string
  fields?: Record<string, string>
}

const RULES = '/api/admin/catalogue/rules'

export const rulesUrl = {
  list: RULES,
  preview: `${RULES}/preview`,
  one: (id: string) => `${RULES}/${encodeURIComponent(id)}`,
  apply: (id: string) => `${RULES}/${encodeURIComponent(id)}/apply`,
}

export async function callApi<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiAnswer<T>> {
  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    return { ok: false, message: 'Le serveur ne répond pas. Vérifiez la connexion et réessayez.' }
  }
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null
  if (res.ok) return { ok: true, data: json as T }
  const issues = Array.isArray(json?.issues) ? (json.issues as { path: string[]; message: string }[]) : []
  const fields = Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]))
  const message = typeof json?.message === 'string' ? json.message : issues.length ? 'Vérifiez les champs signalés.' : 'La demande a échoué.'
  return { ok: false, message, fields }
}
