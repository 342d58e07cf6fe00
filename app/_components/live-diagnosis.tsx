'use client'

import { useEffect, useMemo, useState } from 'react'
import type { Classification } from '@/lib/catalogue/types'
import type { Diagnosis } from '@/lib/reports/diagnosis'
import { DiagnosisCard } from './diagnosis-card'

const DEBOUNCE_MS = 250
const UNCERTAIN_BELOW = 0.5

// The classifier and the catalogue texts are most of the form's own JavaScript: they load on the
// first keystroke in the message (or at once when the message is prefilled), not with the page.
interface Engine {
  classify: typeof import('@/lib/catalogue/classify').classify
  describeDiagnosis: typeof import('@/lib/reports/diagnosis').describeDiagnosis
}

let loadedEngine: Engine | null = null
let engineLoading: Promise<Engine> | null = null

function loadEngine(): Promise<Engine> {
  engineLoading ??= Promise.all([import('@/lib/catalogue/classify'), import('@/lib/reports/diagnosis')]).then(
    ([{ classify }, { describeDiagnosis }]) => (loadedEngine = { classify, describeDiagnosis }),
    (error: unknown) => {
      engineLoading = null // a later keystroke tries again (e.g. after a network hiccup)
      throw error
    },
  )
  return engineLoading
}

/** The live verdict: the classification and its diagnosis in plain French. */
export type LiveVerdict = Classification & { diagnosis: Diagnosis }

/** The message as typed, settled for a short moment so the classifier does not run per keystroke. */
function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
  return settled
}

export function useLiveClassification(message: string): LiveVerdict | null {
  const settled = useDebounced(message, DEBOUNCE_MS)
  const [engine, setEngine] = useState<Engine | null>(loadedEngine)
  const wanted = message.trim() !== ''
  useEffect(() => {
    if (engine || !wanted) return
    let current = true
    loadEngine().then(
      (loaded) => {
        if (current) setEngine(loaded)
      },
      // The preview is a bonus: without it the form still works and the server still classifies.
      (error: unknown) => console.error(error),
    )
    return () => {
      current = false
    }
  }, [engine, wanted])
  return useMemo(() => {
    if (!engine || !settled.trim()) return null
    try {
      const verdict = engine.classify(settled)
      return { ...verdict, diagnosis: engine.describeDiagnosis(verdict.category, verdict.variant) }
    } catch (error) {
      // A classifier bug must not take the form down with it.
      console.error(error)
      return null
    }
  }, [engine, settled])
}

/** Live diagnosis shown while the person types, before they submit. */
export function LiveDiagnosis({ verdict }: { verdict: LiveVerdict | null }) {
  return (
    <section className="live-diagnosis" aria-live="polite" aria-labelledby="live-diagnosis-title">
      <p id="live-diagnosis-title" className="live-title">
        Premier diagnostic
      </p>
      {verdict ? (
        <DiagnosisCard diagnosis={verdict.diagnosis} headingLevel={3} uncertain={verdict.confidence < UNCERTAIN_BELOW} />
      ) : (
        <p className="hint">Collez le message ci-dessus : un premier diagnostic s’affichera ici.</p>
      )}
    </section>
  )
}
