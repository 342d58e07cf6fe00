// Queue URLs: the filter state lives in the query string so views are shareable and the back
// button works. Pure.

export const queueParamNames = ['q', 'status', 'category', 'profile', 'establishment', 'assignee', 'from', 'to', 'age', 'sort', 'limit'] as const
export type QueueParams = Partial<Record<(typeof queueParamNames)[number] | 'cursor', string>>

/** Keeps only known, non-empty params from Next's searchParams (first value of repeated ones). */
export function queueParamsFrom(searchParams: Record<string, string | string[] | undefined>): QueueParams {
  const out: QueueParams = {}
  for (const name of [...queueParamNames, 'cursor'] as const) {
    const raw = searchParams[name]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (value !== undefined && value.trim() !== '') out[name] = value
  }
  return out
}

/** /admin with the given params, minus `cursor` unless set in `changes` (a new filter restarts at page 1). */
export function queueHref(params: QueueParams, changes: QueueParams = {}): string {
  const merged: QueueParams = { ...params, cursor: undefined, ...changes }
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(merged)) if (v) search.set(k, v)
  const qs = search.toString()
  return qs ? `/admin?${qs}` : '/admin'
}

/** The CSV export of the queue for the same filters (GET /api/admin/tickets/export). */
export function exportHref(params: QueueParams): string {
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v && k !== 'cursor' && k !== 'limit' && k !== 'sort') search.set(k, v)
  const qs = search.toString()
  return qs ? `/api/admin/tickets/export?${qs}` : '/api/admin/tickets/export'
}
