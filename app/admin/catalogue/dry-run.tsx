'use client'

import { useCallback, useRef, useState } from 'react'
import { callApi, rulesUrl } from './api'

// The dry run of a rule, slice by slice (the API scans `limit` tickets from `afterId`), so that a
// large base shows its progress and the admin can stop it.

const SLICE = 100_000
const LISTED = 200

export interface RuleDraft {
  kind: 'phrase' | 'regex'
  pattern: string
  category: string
  variant: string
}

interface Slice {
  wouldChange: number
  manualUntouched: number
  transitions: { from: string; to: string; count: number }[]
  changes: { reference: string; from: string; to: string }[]
  manual: { reference: string; category: string; wouldBe: string }[]
  lastId: number
  maxId: number
  done: boolean
}

export interface DryRunResult {
  wouldChange: number
  manualUntouched: number
  transitions: Map<string, number>
  changes: Slice['changes']
  manual: Slice['manual']
}

export type DryRunState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: number; partial: DryRunResult }
  | { phase: 'done'; result: DryRunResult }
  | { phase: 'error'; message: string; fields?: Record<string, string> }

const empty = (): DryRunResult => ({ wouldChange: 0, manualUntouched: 0, transitions: new Map(), changes: [], manual: [] })

function merge(into: DryRunResult, slice: Slice): void {
  into.wouldChange += slice.wouldChange
  into.manualUntouched += slice.manualUntouched
  for (const t of slice.transitions) {
    const key = `${t.from}>${t.to}`
    into.transitions.set(key, (into.transitions.get(key) ?? 0) + t.count)
  }
  into.changes.push(...slice.changes.slice(0, LISTED - into.changes.length))
  into.manual.push(...slice.manual.slice(0, LISTED - into.manual.length))
}

/** Runs the dry run of `draft` over the whole base, slice by slice; `stop` ends it early. */
export function useDryRun() {
  const [state, setState] = useState<DryRunState>({ phase: 'idle' })
  const run = useRef(0)

  const start = useCallback(async (draft: RuleDraft, ruleId?: string) => {
    const id = ++run.current
    const result = empty()
    setState({ phase: 'running', progress: 0, partial: result })
    let afterId = 0
    for (;;) {
      const body = { kind: draft.kind, pattern: draft.pattern, category: draft.category, variant: draft.variant || null, ...(ruleId ? { ruleId } : {}), afterId, limit: SLICE }
      const answer = await callApi<Slice>('POST', rulesUrl.preview, body)
      if (id !== run.current) return
      if (!answer.ok || !answer.data) {
        setState({ phase: 'error', message: answer.message ?? 'L’essai a échoué.', ...(answer.fields ? { fields: answer.fields } : {}) })
        return
      }
      merge(result, answer.data)
      afterId = answer.data.lastId
      if (answer.data.done) break
      const progress = answer.data.maxId > 0 ? answer.data.lastId / answer.data.maxId : 1
      setState({ phase: 'running', progress, partial: { ...result } })
    }
    setState({ phase: 'done', result })
  }, [])

  const reset = useCallback(() => {
    run.current++
    setState({ phase: 'idle' })
  }, [])

  return { state, start, reset }
}
