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

interface AppliedSlice {
  changed: number
  lastId: number
  maxId: number
  done: boolean
}

/** Tickets per apply request: each answers within seconds, and the page shows how far it got. */
const APPLY_SLICE = 100_000

/** Applies a rule slice by slice; `onProgress` gets the share of the base done (0..1) and the count so far. */
export async function applyInSlices(id: string, onProgress: (share: number, changed: number) => void): Promise<ApiAnswer<{ changed: number }>> {
  let afterId = 0
  let changed = 0
  for (;;) {
    const answer = await callApi<AppliedSlice>('POST', `${rulesUrl.apply(id)}?afterId=${afterId}&limit=${APPLY_SLICE}`)
    if (!answer.ok || !answer.data) return { ...answer, ok: false }
    changed += answer.data.changed
    afterId = answer.data.lastId
    if (answer.data.done) return { ok: true, data: { changed } }
    onProgress(answer.data.maxId > 0 ? answer.data.lastId / answer.data.maxId : 1, changed)
  }
}
